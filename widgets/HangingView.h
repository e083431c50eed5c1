#pragma once
#include "MammoView.h"

#include <core/Finding.h>
#include <core/HangingProtocol.h>
#include <core/Image.h>

#include <QWidget>

#include <map>
#include <vector>

class QGridLayout;

namespace mammo::widgets {

// The mammography hanging: up to 2x2 MammoViews placed by core::hang()
// (R on the left, L on the right, CC row above MLO), paged when a study has
// more views than cells. Images arrive asynchronously via setImage().
class HangingView : public QWidget {
    Q_OBJECT
public:
    explicit HangingView(QWidget* parent = nullptr);

    void setStudy(const std::vector<core::ImageAttributes>& images);
    void setImage(core::ImagePtr image);
    void setImageError(const QString& sopInstanceUid, const QString& message);
    void setHangingLayout(core::HangingLayout layout);   // also ends a comparison
    // Current over prior, one page per view (core::hangComparison); the views
    // carry CURRENT/PRIOR tags with the study dates. Images already loaded stay.
    void setComparison(const std::vector<core::ImageAttributes>& current, const std::vector<core::ImageAttributes>& prior);
    // Back to the current study alone, in its default layout.
    void endComparison();
    bool comparing() const { return m_priorStart.has_value(); }
    core::HangingLayout hangingLayout() const { return m_layout; }

    int pageCount() const { return int(m_pages.size()); }
    int page() const { return m_page; }
    void setPage(int page);

    void setLinkedZoom(bool linked) { m_linkedZoom = linked; }
    bool linkedZoom() const { return m_linkedZoom; }
    void setTool(MammoView::Tool tool);
    void setMagnifierEnabled(bool enabled);
    void setZoomMode(MammoView::ZoomMode mode);
    void setFindings(const std::vector<core::Finding>& findings);
    void setShowOverlays(bool show);

    // A synthetic case in progress on one image: its composite is shown in place
    // of the image (window and zoom kept) with the lesions' handles, until
    // clearSyntheticPreview. nullptr composite: the original with the handles.
    void setSyntheticPreview(const QString& sopInstanceUid, core::ImagePtr composite, std::vector<LesionHandle> handles);
    void clearSyntheticPreview();
    // Whether the image with this SOP Instance UID shows a synthetic composite now.
    bool showsSyntheticPreview(const QString& sopInstanceUid) const;

    std::vector<MammoView*> views() const { return m_views; }
    MammoView* activeView() const { return m_active; }
    // The view showing this image on the current page, or nullptr.
    MammoView* viewFor(const QString& sopInstanceUid) const;
    // The page that hangs this image, or -1.
    int pageOf(const QString& sopInstanceUid) const;
    // File paths of the images on the current page (what must be loaded now).
    QStringList filesOnPage() const;

Q_SIGNALS:
    void imagesNeeded(const QStringList& filePaths);
    void activeViewChanged(mammo::widgets::MammoView* view);
    void pageChanged(int page, int count);
    // A view's regionDrawn: a rectangle the reader drew with the Region tool.
    void regionDrawn(const QString& sopInstanceUid, const QRectF& imageBox);
    // The views' lesion signals (synthetic cases), forwarded with the view's image.
    void lesionDropped(const QString& sopInstanceUid, const QString& lesionId, QPointF imagePoint);
    void lesionEdited(int id, const mammo::widgets::LesionTransform& transform, bool finished);
    void lesionRemoveRequested(int id);
    void lesionSelected(int id);

private:
    void rebuild();
    void showPage();
    void linkZoom(MammoView* source, double zoom);

    QGridLayout* m_grid = nullptr;
    std::vector<MammoView*> m_views;
    MammoView* m_active = nullptr;
    std::vector<core::ImageAttributes> m_images;   // the current study, then the prior when comparing
    std::optional<std::size_t> m_priorStart;        // index of the prior's first image when comparing
    std::map<std::string, core::ImagePtr> m_loaded;      // by SOP Instance UID
    std::map<std::string, QString> m_errors;
    std::map<std::string, core::ChestWallSide> m_detectedSide;
    std::vector<core::HangingPage> m_pages;
    std::vector<core::Finding> m_findings;
    std::string m_previewUid;                             // the image with a synthetic case in progress
    core::ImagePtr m_preview;                             // its composite; nullptr: the original
    std::vector<LesionHandle> m_previewHandles;
    core::HangingLayout m_layout = core::HangingLayout::Quad;
    MammoView::Tool m_tool = MammoView::Tool::Pan;   // also for views a new layout creates
    int m_page = 0;
    int m_gridColumns = 0;
    bool m_linkedZoom = true;
    bool m_linking = false;
};

} // namespace mammo::widgets
