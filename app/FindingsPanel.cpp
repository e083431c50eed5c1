#include "FindingsPanel.h"

#include <QHeaderView>
#include <QLabel>
#include <QSlider>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace mammo::app {
namespace {

constexpr int kSliderSteps = 100;   // threshold in 0.01 steps

QString sizeText(const FindingsPanel::Entry& entry)
{
    const core::ImageBox& box = entry.finding.box;
    if (!entry.spacing)
        return FindingsPanel::tr("%1 × %2 px").arg(std::lround(box.width)).arg(std::lround(box.height));
    return FindingsPanel::tr("%L1 × %L2 mm")
        .arg(box.width * entry.spacing->columnMm, 0, 'f', 1)
        .arg(box.height * entry.spacing->rowMm, 0, 'f', 1);
}

QString malignancyText(const core::Finding& finding)
{
    return finding.malignancy ? QStringLiteral("%L1").arg(*finding.malignancy, 0, 'f', 2) : QStringLiteral("—");
}

} // namespace

FindingsPanel::FindingsPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    m_caption = new QLabel(disclaimer(), this);
    m_caption->setWordWrap(true);
    m_caption->setStyleSheet(QStringLiteral("QLabel { font-weight: bold; }"));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setRange(0, kSliderSteps);
    m_slider->setValue(kSliderSteps / 2);
    m_slider->setToolTip(tr("Score threshold: marks below it are hidden"));
    m_thresholdLabel = new QLabel(this);

    m_table = new QTableWidget(0, 4, this);
    m_table->setHorizontalHeaderLabels({tr("View"), tr("Score"), tr("P(malignant)"), tr("Size")});
    m_table->horizontalHeaderItem(2)->setToolTip(
        tr("Probability that the mass is malignant, estimated by the benign/malignant classifier (COIN); "
           "decision support, not a diagnosis. — : no estimate."));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);

    layout->addWidget(m_caption);
    layout->addWidget(m_status);
    layout->addWidget(m_thresholdLabel);
    layout->addWidget(m_slider);
    layout->addWidget(m_table, 1);

    connect(m_slider, &QSlider::valueChanged, this, [this] {
        refresh();
        Q_EMIT thresholdChanged(threshold());
    });
    connect(m_table, &QTableWidget::cellClicked, this, [this](int row, int) {
        if (row >= 0 && std::size_t(row) < m_shown.size())
            Q_EMIT findingActivated(m_shown[std::size_t(row)].finding);
    });
    refresh();
}

QString FindingsPanel::disclaimer()
{
    return tr("Decision support only — not a diagnosis. Marks are computer-aided detections, and P(malignant) a "
              "computer-aided estimate, for review by a radiologist.");
}

void FindingsPanel::setEntries(std::vector<Entry> entries)
{
    m_entries = std::move(entries);
    refresh();
}

void FindingsPanel::setOperatingPoints(std::vector<OperatingPoint> points)
{
    m_points = std::move(points);
    refresh();
}

void FindingsPanel::setThreshold(double score)
{
    m_slider->setValue(int(std::lround(std::clamp(score, 0.0, 1.0) * kSliderSteps)));
}

double FindingsPanel::threshold() const
{
    return double(m_slider->value()) / kSliderSteps;
}

void FindingsPanel::setStatus(const QString& text)
{
    m_status->setText(text);
}

QString FindingsPanel::status() const
{
    return m_status->text();
}

QString FindingsPanel::thresholdText() const
{
    return m_thresholdLabel->text();
}

std::vector<core::Finding> FindingsPanel::shownFindings() const
{
    std::vector<core::Finding> findings;
    for (const Entry& entry : m_shown)
        findings.push_back(entry.finding);
    return findings;
}

void FindingsPanel::refresh()
{
    const double minimum = threshold();
    const auto fppi = fppiAtScore(m_points, minimum);
    const QString meaning = fppi ? tr("≈ %L1 false positives per image").arg(*fppi, 0, 'f', 2) : tr("FPPI unknown");
    m_thresholdLabel->setText(tr("Score ≥ %L1 (%2)").arg(minimum, 0, 'f', 2).arg(meaning));

    const std::vector<core::Finding> before = shownFindings();
    m_shown.clear();
    // The reader's own regions have no detection score: the threshold does not apply to them.
    for (const Entry& entry : m_entries)
        if (entry.finding.drawnByReader || entry.finding.score >= minimum - 1e-9)
            m_shown.push_back(entry);
    std::stable_sort(m_shown.begin(), m_shown.end(), [](const Entry& a, const Entry& b) {
        if (a.finding.drawnByReader != b.finding.drawnByReader)
            return a.finding.drawnByReader;
        return a.finding.score > b.finding.score;
    });

    m_table->setRowCount(int(m_shown.size()));
    for (std::size_t i = 0; i < m_shown.size(); ++i) {
        const Entry& entry = m_shown[i];
        const int row = int(i);
        m_table->setItem(row, 0, new QTableWidgetItem(entry.view.isEmpty() ? tr("unknown") : entry.view));
        m_table->setItem(row, 1, new QTableWidgetItem(entry.finding.drawnByReader
                                                          ? tr("drawn region")
                                                          : QStringLiteral("%L1").arg(entry.finding.score, 0, 'f', 2)));
        m_table->setItem(row, 2, new QTableWidgetItem(malignancyText(entry.finding)));
        m_table->setItem(row, 3, new QTableWidgetItem(sizeText(entry)));
    }
    // Compared whole: a malignancy that arrives later, or a drawn region, is a change too.
    const std::vector<core::Finding> after = shownFindings();
    if (after != before)
        Q_EMIT shownFindingsChanged(after);
}

} // namespace mammo::app
