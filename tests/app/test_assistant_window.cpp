// The assistant in the main window under Xvfb: the demo study is analysed
// when it opens, marks are drawn only on their own image, the threshold
// filters marks and list alike, a row click centres on its mark, and without
// a model the viewer works and says why there are no marks.
#include <app/FindingsPanel.h>
#include <app/MainWindow.h>

#include <ai/MassDetector.h>
#include <ai/ModelManifest.h>
#include <widgets/HangingView.h>
#include <widgets/MammoView.h>
#include <widgets/SurfaceFormat.h>

#include <QApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

using namespace mammo;

namespace {

const QString kDemo = QStringLiteral(MAMMO_SOURCE_DIR "/resources/demo");
constexpr int kTimeoutMs = 90000;

// Opens the demo study and waits until it is loaded and analysed (or the analysis failed).
void openDemo(app::MainWindow& window)
{
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy loaded(&window, &app::MainWindow::loadingFinished);
    window.openPaths({kDemo});
    QVERIFY(loaded.wait(kTimeoutMs));
    QTRY_VERIFY_WITH_TIMEOUT(!window.isLoading() && !window.isAnalysing(), kTimeoutMs);
}

} // namespace

class TestAssistantWindow : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_models;

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("MammoscopeTest"));
        QVERIFY(m_models.isValid());
        const std::string model = m_models.filePath(QStringLiteral("detector-cpu.pt")).toStdString();
        ai::writeUntrainedDetector("cpu", model, 7);
        const nlohmann::json entry = {
            {"file", "detector-cpu.pt"},
            {"sha256", ai::sha256OfFile(model)},
            {"operating_points", {{{"score", 0.9}, {"fppi", 0.25}, {"tpr_centre", 0.4}}, {{"score", 0.5}, {"fppi", 2.0}, {"tpr_centre", 0.7}}}}};
        std::ofstream(m_models.filePath(QStringLiteral("manifest.json")).toStdString())
            << nlohmann::json{{"models", {{"detector-cpu", entry}}}}.dump(2);
    }

    void init() { QSettings().clear(); }

    void withoutModelTheViewerWorks()
    {
        QTemporaryDir empty;
        qputenv("MAMMO_MODELS_DIR", empty.path().toUtf8());
        app::MainWindow window;
        openDemo(window);
        QTRY_VERIFY_WITH_TIMEOUT(window.hangingView()->views()[0]->image() != nullptr, kTimeoutMs);
        QVERIFY2(window.findingsPanel()->status().contains(QStringLiteral("AI model missing")),
                 qPrintable(window.findingsPanel()->status()));
        QVERIFY(window.findingsPanel()->thresholdText().contains(QStringLiteral("FPPI unknown")));
        QVERIFY(window.findingsPanel()->shownFindings().empty());
        QVERIFY(window.problems().isEmpty());   // the study itself is fine
    }

    void marksFollowTheThresholdAndStayOnTheirImage()
    {
        qputenv("MAMMO_MODELS_DIR", m_models.path().toUtf8());
        app::MainWindow window;
        openDemo(window);
        app::FindingsPanel* panel = window.findingsPanel();
        QVERIFY2(panel->status().contains(QStringLiteral("Analysis finished")), qPrintable(panel->status()));
        panel->setThreshold(0.0);
        const auto all = panel->shownFindings();
        QVERIFY(!all.empty());
        for (widgets::MammoView* view : window.hangingView()->views()) {
            QVERIFY(view->image());
            QVERIFY(!view->visibleFindings().empty());
            for (const core::Finding& f : view->visibleFindings())
                QCOMPARE(QString::fromStdString(f.sopInstanceUid), view->sopInstanceUid());
        }
        // Sorted by score, highest first.
        for (std::size_t i = 1; i < all.size(); ++i)
            QVERIFY(all[i - 1].score >= all[i].score);

        panel->setThreshold(0.5);
        QVERIFY2(panel->thresholdText().contains(QStringLiteral("2.00")), qPrintable(panel->thresholdText()));
        panel->setThreshold(1.0);
        QVERIFY2(panel->thresholdText().contains(QStringLiteral("0.25")), qPrintable(panel->thresholdText()));
        QVERIFY(panel->shownFindings().empty());
        for (widgets::MammoView* view : window.hangingView()->views())
            QVERIFY(view->visibleFindings().empty());

        // A row click centres and zooms the view of that image on the mark.
        panel->setThreshold(0.0);
        auto* table = panel->findChild<QTableWidget*>();
        QVERIFY(table);
        QCOMPARE(table->rowCount(), int(all.size()));
        const core::Finding first = all.front();
        widgets::MammoView* view = window.hangingView()->viewFor(QString::fromStdString(first.sopInstanceUid));
        QVERIFY(view);
        const double fitZoom = view->geometry().fitZoom();
        const QRect cell = table->visualItemRect(table->item(0, 1));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QVERIFY2(view->zoom() > fitZoom, qPrintable(QStringLiteral("%1 <= %2").arg(view->zoom()).arg(fitZoom)));
        const double aspect = view->geometry().imageSize().height() / view->image()->rows();
        QCOMPARE(view->geometry().center().x(), first.box.x + first.box.width / 2);
        QCOMPARE(view->geometry().center().y(), (first.box.y + first.box.height / 2) * aspect);
    }
};

int main(int argc, char** argv)
{
    mammo::widgets::installDefaultSurfaceFormat();
    QApplication app(argc, argv);
    TestAssistantWindow test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_assistant_window.moc"
