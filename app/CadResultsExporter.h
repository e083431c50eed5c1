#pragma once
#include <core/Finding.h>
#include <core/ImageAttributes.h>

#include <QObject>
#include <QStringList>

#include <vector>

namespace mammo::app {

// Writes the assistant's findings of one study as a Mammography CAD SR and
// DICOM SEGs (core::cad::exportCadResults) on a pool thread, so the GUI
// thread does no file I/O; answers with finished().
class CadResultsExporter : public QObject {
    Q_OBJECT
public:
    explicit CadResultsExporter(QObject* parent = nullptr);

    // Writes <folder>/CAD-SR-<StudyUID>.dcm and <folder>/SEG/*.seg.dcm.
    void exportTo(const QString& folder, const std::vector<core::ImageAttributes>& images,
                  const std::vector<core::Finding>& findings);
    bool busy() const { return m_busy; }

Q_SIGNALS:
    // files: every file written (SR first); message for the status bar.
    void finished(bool ok, const QString& message, const QStringList& files);

private:
    bool m_busy = false;
};

} // namespace mammo::app
