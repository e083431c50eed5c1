#pragma once
#include <QDialog>

namespace mammo::app {

// Version, intended use, and the licences of Mammoscope, its libraries and
// the mini-MIAS images of the demo study.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);
};

} // namespace mammo::app
