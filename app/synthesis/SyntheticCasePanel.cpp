#include "SyntheticCasePanel.h"

#include <ai/synthesis/LesionThumbnail.h>
#include <widgets/MammoView.h>

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QSignalBlocker>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace mammo::app {
namespace {

constexpr int kThumbnailSize = 72;
constexpr int kLesionIdRole = Qt::UserRole;

// Offers the dragged entry as a lesion (MammoView::lesionMimeType) and nothing else.
class LesionListWidget : public QListWidget {
public:
    using QListWidget::QListWidget;

protected:
    QStringList mimeTypes() const override { return {widgets::MammoView::lesionMimeType()}; }
    QMimeData* mimeData(const QList<QListWidgetItem*>& items) const override
    {
        if (items.isEmpty())
            return nullptr;
        auto* data = new QMimeData;
        data->setData(widgets::MammoView::lesionMimeType(), items.front()->data(kLesionIdRole).toString().toUtf8());
        return data;
    }
};

QIcon thumbnailIcon(const ai::synthesis::LesionPatch& lesion)
{
    const cv::Mat thumb = ai::synthesis::lesionThumbnail(lesion, kThumbnailSize);
    QImage image(thumb.data, thumb.cols, thumb.rows, int(thumb.step), QImage::Format_Grayscale8);
    return QIcon(QPixmap::fromImage(image.copy()));
}

} // namespace

SyntheticCasePanel::SyntheticCasePanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* note = new QLabel(tr("Drag a lesion onto a normal image, then move it, scale it (square) or rotate it "
                               "(knob); arrow keys, + − and [ ] edit the selected lesion. Cases made here are "
                               "SYNTHETIC, for training only."),
                            this);
    note->setWordWrap(true);
    layout->addWidget(note);

    m_library = new LesionListWidget(this);
    m_library->setObjectName("lesionLibrary");
    m_library->setViewMode(QListView::IconMode);
    m_library->setIconSize(QSize(kThumbnailSize, kThumbnailSize));
    m_library->setGridSize(QSize(kThumbnailSize + 28, kThumbnailSize + 34));
    m_library->setResizeMode(QListView::Adjust);
    m_library->setMovement(QListView::Static);
    m_library->setDragEnabled(true);
    m_library->setDragDropMode(QAbstractItemView::DragOnly);
    m_library->setSelectionMode(QAbstractItemView::SingleSelection);
    layout->addWidget(m_library, 1);

    auto* methodRow = new QHBoxLayout;
    methodRow->addWidget(new QLabel(tr("Blending:"), this));
    m_method = new QComboBox(this);
    m_method->setObjectName("blendingMethod");
    m_method->addItem(tr("BAN (blending network)"), "ban");
    m_method->addItem(tr("Poisson (mixed gradients)"), "poisson");
    m_method->addItem(tr("Paste (no blending)"), "paste");
    methodRow->addWidget(m_method, 1);
    layout->addLayout(methodRow);
    connect(m_method, &QComboBox::activated, this, [this] { Q_EMIT methodChosen(method()); });

    auto* editRow = new QHBoxLayout;
    m_undo = new QToolButton(this);
    m_redo = new QToolButton(this);
    m_original = new QPushButton(tr("Show original"), this);
    m_original->setObjectName("showOriginal");
    m_original->setCheckable(true);
    m_original->setShortcut(QKeySequence(Qt::Key_B));
    m_original->setToolTip(tr("Compare the composite with the normal image it was made from (B)"));
    m_remove = new QPushButton(tr("Remove lesion"), this);
    m_remove->setToolTip(tr("Remove the selected lesion (Delete in the view)"));
    editRow->addWidget(m_undo);
    editRow->addWidget(m_redo);
    editRow->addWidget(m_original);
    editRow->addWidget(m_remove);
    layout->addLayout(editRow);
    connect(m_original, &QPushButton::toggled, this, &SyntheticCasePanel::showOriginalToggled);
    connect(m_remove, &QPushButton::clicked, this, &SyntheticCasePanel::removeSelectedRequested);

    auto* fileRow = new QHBoxLayout;
    auto* import = new QPushButton(tr("Import lesion…"), this);
    import->setToolTip(tr("Add a lesion from an image file and its mask file"));
    m_cut = new QPushButton(tr("Cut lesion"), this);
    m_cut->setObjectName("cutLesion");
    m_cut->setCheckable(true);
    m_cut->setToolTip(tr("Drag a rectangle around a lesion on an open image to add it to your lesion library"));
    connect(m_cut, &QPushButton::toggled, this, &SyntheticCasePanel::cutRequested);
    m_discard = new QPushButton(tr("Discard"), this);
    m_save = new QPushButton(tr("Save synthetic case…"), this);
    m_save->setObjectName("saveSyntheticCase");
    fileRow->addWidget(import);
    fileRow->addWidget(m_cut);
    fileRow->addWidget(m_discard);
    fileRow->addWidget(m_save);
    layout->addLayout(fileRow);
    connect(import, &QPushButton::clicked, this, &SyntheticCasePanel::importRequested);
    connect(m_discard, &QPushButton::clicked, this, &SyntheticCasePanel::discardRequested);
    connect(m_save, &QPushButton::clicked, this, &SyntheticCasePanel::saveRequested);

    m_caseLabel = new QLabel(this);
    m_caseLabel->setWordWrap(true);
    layout->addWidget(m_caseLabel);
    m_status = new QLabel(this);
    m_status->setObjectName("synthesisStatus");
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    setCaseState(false, 0);
}

void SyntheticCasePanel::setLibrary(std::shared_ptr<const ai::synthesis::LesionLibrary> library)
{
    m_library->clear();
    if (!library)
        return;
    for (const auto& lesion : library->lesions()) {
        const QString id = QString::fromStdString(lesion.id);
        auto* item = new QListWidgetItem(thumbnailIcon(lesion),
                                         id + "\n" + QString::fromStdString(ai::synthesis::lesionLabel(lesion)), m_library);
        item->setData(kLesionIdRole, id);
        item->setToolTip(tr("%1 (%2), from %3: drag onto a normal image")
                             .arg(id, QString::fromStdString(lesion.lesionClass), QString::fromStdString(lesion.sourceImage)));
    }
}

void SyntheticCasePanel::setUndoStack(QUndoStack* stack)
{
    QAction* undo = stack->createUndoAction(this, tr("Undo"));
    QAction* redo = stack->createRedoAction(this, tr("Redo"));
    undo->setShortcut(QKeySequence::Undo);
    redo->setShortcut(QKeySequence::Redo);
    undo->setShortcutContext(Qt::WindowShortcut);
    redo->setShortcutContext(Qt::WindowShortcut);
    m_undo->setDefaultAction(undo);
    m_redo->setDefaultAction(redo);
}

void SyntheticCasePanel::setMethod(const QString& method)
{
    const int index = m_method->findData(method);
    if (index >= 0)
        m_method->setCurrentIndex(index);
}

QString SyntheticCasePanel::method() const
{
    return m_method->currentData().toString();
}

void SyntheticCasePanel::setCaseState(bool hasBase, int lesionCount)
{
    m_save->setEnabled(hasBase && lesionCount > 0);
    m_remove->setEnabled(hasBase && lesionCount > 0);
    m_discard->setEnabled(hasBase);
    m_original->setEnabled(hasBase);
    m_caseLabel->setText(hasBase ? tr("%n lesion(s) placed.", nullptr, lesionCount) : tr("No case in progress."));
}

void SyntheticCasePanel::setStatus(const QString& text, bool isError)
{
    m_status->setStyleSheet(isError ? "color: #d04040;" : QString());
    m_status->setText(text);
}

void SyntheticCasePanel::setShowOriginal(bool original)
{
    m_original->setChecked(original);
}

void SyntheticCasePanel::setCutting(bool cutting)
{
    const QSignalBlocker blocker(m_cut);
    m_cut->setChecked(cutting);
}

bool SyntheticCasePanel::showOriginal() const
{
    return m_original->isChecked();
}

} // namespace mammo::app
