#pragma once
// The assistant's findings as a table (highest score first, with P(malignant)
// where the classifier gave one) with an operating-point slider: only findings
// at or above the threshold are listed and handed on for drawing. Regions the
// reader drew come first and are always listed. Given data, emits intent;
// never runs the AI.
#include "OperatingPoints.h"

#include <core/Finding.h>
#include <core/ImageAttributes.h>

#include <QWidget>

#include <optional>
#include <vector>

class QLabel;
class QSlider;
class QTableWidget;

namespace mammo::app {

class FindingsPanel : public QWidget {
    Q_OBJECT
public:
    // One finding with what the table says about its image.
    struct Entry {
        core::Finding finding;
        QString view;                            // e.g. "RCC"
        std::optional<core::Spacing> spacing;    // absent: size in pixels
    };

    explicit FindingsPanel(QWidget* parent = nullptr);

    void setEntries(std::vector<Entry> entries);   // every finding, before the threshold
    void setOperatingPoints(std::vector<OperatingPoint> points);
    void setThreshold(double score);               // clamped to [0, 1], 0.01 steps
    double threshold() const;
    void setStatus(const QString& text);           // model state, progress or the last error
    QString status() const;
    QString thresholdText() const;

    std::vector<core::Finding> shownFindings() const;

    static QString disclaimer();

Q_SIGNALS:
    void shownFindingsChanged(const std::vector<mammo::core::Finding>& findings);
    void thresholdChanged(double score);
    void findingActivated(const mammo::core::Finding& finding);

private:
    void refresh();

    std::vector<Entry> m_entries;
    std::vector<Entry> m_shown;                   // table order
    std::vector<OperatingPoint> m_points;
    QLabel* m_caption = nullptr;
    QLabel* m_status = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_thresholdLabel = nullptr;
    QTableWidget* m_table = nullptr;
};

} // namespace mammo::app
