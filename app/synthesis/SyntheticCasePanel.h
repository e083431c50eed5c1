#pragma once
// The annotator's panel for synthetic cases: the lesion library as thumbnails
// to drag onto a normal image, the blending method, undo/redo, the original
// toggle and saving. It shows state and emits intent; SyntheticCaseController
// does the work.
#include <ai/synthesis/LesionLibrary.h>

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QToolButton;
class QUndoStack;

namespace mammo::app {

class SyntheticCasePanel : public QWidget {
    Q_OBJECT
public:
    explicit SyntheticCasePanel(QWidget* parent = nullptr);

    void setLibrary(std::shared_ptr<const ai::synthesis::LesionLibrary> library);
    void setUndoStack(QUndoStack* stack);
    void setMethod(const QString& method);
    QString method() const;
    // Whether a case is in progress (lesions placed): enables saving and the toggle.
    void setCaseState(bool hasBase, int lesionCount);
    void setStatus(const QString& text, bool isError = false);
    void setShowOriginal(bool original);
    bool showOriginal() const;
    void setCutting(bool cutting);   // the "Cut lesion" button follows the main window's tool
    QListWidget* libraryList() const { return m_library; }
    QPushButton* saveButton() const { return m_save; }

Q_SIGNALS:
    void methodChosen(const QString& method);
    void showOriginalToggled(bool original);
    void removeSelectedRequested();
    void saveRequested();
    void importRequested();
    void cutRequested(bool cutting);
    void discardRequested();

private:
    QListWidget* m_library = nullptr;
    QComboBox* m_method = nullptr;
    QToolButton* m_undo = nullptr;
    QToolButton* m_redo = nullptr;
    QPushButton* m_original = nullptr;
    QPushButton* m_remove = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_discard = nullptr;
    QPushButton* m_cut = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_caseLabel = nullptr;
};

} // namespace mammo::app
