#include "HangingView.h"

#include <QGridLayout>

namespace mammo::widgets {

HangingView::HangingView(QWidget* parent) : QWidget(parent)
{
    m_grid = new QGridLayout(this);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(2);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, QColor(40, 40, 40));
    setPalette(p);
    rebuild();
}

void HangingView::setStudy(const std::vector<core::ImageAttributes>& images)
{
    m_images = images;
    m_priorStart.reset();
    m_loaded.clear();
    m_errors.clear();
    m_detectedSide.clear();
    m_layout = core::defaultLayout(images);
    m_page = 0;
    rebuild();
}

void HangingView::setImage(core::ImagePtr image)
{
    if (!image)
        return;
    const std::string& uid = image->attributes().sopInstanceUid;
    // Orientation is only guessed from pixels when the header does not say.
    if (!core::chestWallSideFromOrientation(image->attributes()))
        m_detectedSide[uid] = core::detectChestWallSide(*image);
    m_loaded[uid] = std::move(image);
    showPage();
}

void HangingView::setSyntheticPreview(const QString& sopInstanceUid, core::ImagePtr composite,
                                      std::vector<LesionHandle> handles)
{
    m_previewUid = sopInstanceUid.toStdString();
    m_preview = std::move(composite);
    m_previewHandles = std::move(handles);
    showPage();
}

void HangingView::clearSyntheticPreview()
{
    m_previewUid.clear();
    m_preview.reset();
    m_previewHandles.clear();
    showPage();
}

void HangingView::setImageError(const QString& sopInstanceUid, const QString& message)
{
    m_errors[sopInstanceUid.toStdString()] = message;
    showPage();
}

void HangingView::setHangingLayout(core::HangingLayout layout)
{
    if (layout == m_layout && !comparing())
        return;
    if (comparing())
        m_images.resize(*m_priorStart);
    m_priorStart.reset();
    m_layout = layout;
    m_page = 0;
    rebuild();
}

void HangingView::setComparison(const std::vector<core::ImageAttributes>& current,
                                const std::vector<core::ImageAttributes>& prior)
{
    m_images = current;
    m_images.insert(m_images.end(), prior.begin(), prior.end());
    m_priorStart = current.size();
    m_page = 0;
    rebuild();
}

void HangingView::endComparison()
{
    if (!comparing())
        return;
    m_images.resize(*m_priorStart);
    m_priorStart.reset();
    m_layout = core::defaultLayout(m_images);
    m_page = 0;
    rebuild();
}

void HangingView::setPage(int page)
{
    page = std::clamp(page, 0, std::max(0, pageCount() - 1));
    if (page == m_page)
        return;
    m_page = page;
    showPage();
}

void HangingView::rebuild()
{
    if (m_priorStart) {
        const auto split = m_images.begin() + std::ptrdiff_t(*m_priorStart);
        m_pages = core::hangComparison({m_images.begin(), split}, {split, m_images.end()});
    } else {
        m_pages = core::hang(m_images, m_layout);
    }
    const core::HangingPage& first = m_pages.front();
    const std::size_t needed = std::size_t(first.rows * first.columns);
    if (m_views.size() == needed && m_gridColumns == first.columns) {
        // Same grid: keep the views (and their GL contexts and compiled shaders).
        showPage();
        return;
    }
    m_gridColumns = first.columns;
    for (MammoView* view : m_views) {
        m_grid->removeWidget(view);
        view->deleteLater();
    }
    m_views.clear();
    m_active = nullptr;
    for (std::size_t i = 0; i < needed; ++i) {
        auto* view = new MammoView(this);
        m_views.push_back(view);
        m_grid->addWidget(view, int(i) / first.columns, int(i) % first.columns);
        connect(view, &MammoView::activated, this, [this, view] {
            m_active = view;
            Q_EMIT activeViewChanged(view);
        });
        connect(view, &MammoView::zoomChanged, this, [this, view](double zoom) { linkZoom(view, zoom); });
        connect(view, &MammoView::regionDrawn, this, &HangingView::regionDrawn);
        connect(view, &MammoView::lesionDropped, this, &HangingView::lesionDropped);
        connect(view, &MammoView::lesionEdited, this, &HangingView::lesionEdited);
        connect(view, &MammoView::lesionRemoveRequested, this, &HangingView::lesionRemoveRequested);
        connect(view, &MammoView::lesionSelected, this, &HangingView::lesionSelected);
        view->setTool(m_tool);
    }
    // Stretches outlive the widgets: clear the ones a larger layout left behind.
    for (int r = 0; r < 2; ++r)
        m_grid->setRowStretch(r, r < first.rows ? 1 : 0);
    for (int c = 0; c < 2; ++c)
        m_grid->setColumnStretch(c, c < first.columns ? 1 : 0);
    m_active = m_views.front();
    showPage();
}

void HangingView::showPage()
{
    if (m_pages.empty())
        return;
    m_page = std::clamp(m_page, 0, pageCount() - 1);
    const core::HangingPage& page = m_pages[std::size_t(m_page)];
    QStringList missing;
    for (std::size_t i = 0; i < page.cells.size() && i < m_views.size(); ++i) {
        MammoView* view = m_views[i];
        const auto& cell = page.cells[i];
        if (!cell.image) {
            view->setStudyTag({}, false);
            view->clearImage(comparing() ? (i < 2 ? tr("No current image of this view") : tr("No prior image of this view"))
                                         : QString());
            continue;
        }
        const core::ImageAttributes& a = m_images[*cell.image];
        if (comparing()) {
            const bool prior = *cell.image >= *m_priorStart;
            const QString date = QString::fromStdString(a.studyDate);
            const QString shown = date.size() == 8 ? date.left(4) + '-' + date.mid(4, 2) + '-' + date.right(2) : date;
            view->setStudyTag((prior ? tr("PRIOR %1") : tr("CURRENT %1")).arg(shown), prior);
        } else {
            view->setStudyTag({}, false);
        }
        const auto loaded = m_loaded.find(a.sopInstanceUid);
        const bool previewed = a.sopInstanceUid == m_previewUid;
        if (loaded != m_loaded.end()) {
            const core::ImagePtr shown = previewed && m_preview ? m_preview : loaded->second;
            if (view->image() && view->image() != shown && view->sopInstanceUid() == QString::fromStdString(a.sopInstanceUid)) {
                view->replacePixels(shown);   // same image, other pixels: keep the reader's window and zoom
            } else if (view->image() != shown) {
                std::optional<core::ChestWallSide> detected;
                if (auto d = m_detectedSide.find(a.sopInstanceUid); d != m_detectedSide.end())
                    detected = d->second;
                view->setImage(loaded->second, core::displayFlip(a, detected));
                if (shown != loaded->second)
                    view->replacePixels(shown);
            }
            view->setLesionHandles(previewed ? m_previewHandles : std::vector<LesionHandle>{});
            // The view hides these marks itself while a synthetic preview replaces its pixels.
            view->setFindings(m_findings);
        } else if (auto error = m_errors.find(a.sopInstanceUid); error != m_errors.end()) {
            view->clearImage(error->second);
        } else {
            view->clearImage(tr("Loading…"));
            missing << QString::fromStdString(a.filePath);
        }
    }
    Q_EMIT pageChanged(m_page, pageCount());
    if (!missing.isEmpty())
        Q_EMIT imagesNeeded(missing);
}

QStringList HangingView::filesOnPage() const
{
    QStringList files;
    if (m_pages.empty())
        return files;
    for (const auto& cell : m_pages[std::size_t(m_page)].cells)
        if (cell.image)
            files << QString::fromStdString(m_images[*cell.image].filePath);
    return files;
}

MammoView* HangingView::viewFor(const QString& sopInstanceUid) const
{
    for (MammoView* view : m_views)
        if (view->sopInstanceUid() == sopInstanceUid)
            return view;
    return nullptr;
}

int HangingView::pageOf(const QString& sopInstanceUid) const
{
    const std::string uid = sopInstanceUid.toStdString();
    for (std::size_t p = 0; p < m_pages.size(); ++p)
        for (const core::HangingCell& cell : m_pages[p].cells)
            if (cell.image && m_images[*cell.image].sopInstanceUid == uid)
                return int(p);
    return -1;
}

void HangingView::linkZoom(MammoView* source, double zoom)
{
    if (!m_linkedZoom || m_linking)
        return;
    m_linking = true;   // setZoom on the others emits zoomChanged again
    for (MammoView* view : m_views)
        if (view != source && view->image())
            view->setZoom(zoom);
    m_linking = false;
}

void HangingView::setTool(MammoView::Tool tool)
{
    m_tool = tool;
    for (MammoView* view : m_views)
        view->setTool(tool);
}

void HangingView::setMagnifierEnabled(bool enabled)
{
    for (MammoView* view : m_views)
        view->setMagnifierEnabled(enabled);
}

void HangingView::setZoomMode(MammoView::ZoomMode mode)
{
    m_linking = true;
    for (MammoView* view : m_views)
        view->setZoomMode(mode);
    m_linking = false;
}

bool HangingView::showsSyntheticPreview(const QString& sopInstanceUid) const
{
    return m_preview && m_previewUid == sopInstanceUid.toStdString();
}

void HangingView::setFindings(const std::vector<core::Finding>& findings)
{
    m_findings = findings;
    for (MammoView* view : m_views)
        view->setFindings(findings);
}

void HangingView::setShowOverlays(bool show)
{
    for (MammoView* view : m_views)
        view->setShowOverlays(show);
}

} // namespace mammo::widgets
