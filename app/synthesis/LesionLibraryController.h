#pragma once
// The lesion library of the synthetic-case panel: the bundled mini-MIAS lesions
// plus the user's own, imported from an image and a mask file or cut from an
// open image, kept in the app's data folder (lesions/). The merged library is
// replaced as a whole on each change, never edited: a blend in flight keeps the
// one it was given.
#include <ai/synthesis/LesionLibrary.h>
#include <core/Image.h>

#include <QObject>
#include <QRectF>

#include <memory>

namespace mammo::app {

class SyntheticCasePanel;

class LesionLibraryController : public QObject {
    Q_OBJECT
public:
    // panel must outlive the controller; it shows the library and the messages.
    explicit LesionLibraryController(SyntheticCasePanel* panel, QObject* parent = nullptr);

    // Loads the library once; false with the reason in the panel.
    bool ensureLoaded();
    // nullptr until loaded.
    std::shared_ptr<const ai::synthesis::LesionLibrary> library() const { return m_library; }

    // Asks for a lesion image and its mask and adds the lesion to the user's library.
    void importFromFiles();
    // Adds the lesion inside a drawn rectangle of an open image to the user's library:
    // the inscribed circle, its mask refined by segmentation (as for mini-MIAS masses).
    void cut(const core::ImagePtr& image, const QRectF& box);

    // The user's own lesions ($AppData/lesions).
    static QString userDirectory();

Q_SIGNALS:
    void libraryReplaced();

private:
    void addToUserLibrary(ai::synthesis::LesionPatch lesion);

    SyntheticCasePanel* m_panel;
    std::shared_ptr<const ai::synthesis::LesionLibrary> m_library;
};

} // namespace mammo::app
