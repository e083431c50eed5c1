// The assistant in the main window under Xvfb: the demo study is analysed
// when it opens, marks are drawn only on their own image, the threshold
// filters marks and list alike, a row click centres on its mark, and without
// a model the viewer works and says why there are no marks. With a COIN
// classifier the marks and the list show P(malignant), and a region drawn
// with "Classify region" comes back as a drawn finding; without one the list
// says "—" and the panel why.
#include <app/FindingsPanel.h>
#include <app/MainWindow.h>

#include <ai/MassDetector.h>
#include <ai/ModelManifest.h>
#include <ai/coin/MalignancyClassifier.h>
#include <widgets/HangingView.h>
#include <widgets/MammoView.h>
#include <widgets/SurfaceFormat.h>

#include <QAction>
#include <QApplication>
#include <QFile>
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
// Generous, as in test_ai_worker: the assistant runs at nice 19 and a loaded
// machine may starve it; a passing check returns as soon as it holds.
constexpr int kTimeoutMs = 300000;

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
    QTemporaryDir m_models;     // an untrained detector
    QTemporaryDir m_withCoin;   // and an untrained COIN classifier

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

        QVERIFY(m_withCoin.isValid());
        QVERIFY(QFile::copy(QString::fromStdString(model), m_withCoin.filePath(QStringLiteral("detector-cpu.pt"))));
        const std::string coin = m_withCoin.filePath(QStringLiteral("coin-cpu.pt")).toStdString();
        ai::coin::writeUntrainedCoinModel("cpu", coin, 2);
        const nlohmann::json coinEntry = {{"file", "coin-cpu.pt"}, {"sha256", ai::sha256OfFile(coin)}};
        std::ofstream(m_withCoin.filePath(QStringLiteral("manifest.json")).toStdString())
            << nlohmann::json{{"models", {{"detector-cpu", entry}, {"coin-cpu", coinEntry}}}}.dump(2);
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
        // No classifier in this manifest: said in the panel, and no estimates.
        QVERIFY2(panel->status().contains(QStringLiteral("coin-cpu")), qPrintable(panel->status()));
        panel->setThreshold(0.0);
        const auto all = panel->shownFindings();
        QVERIFY(!all.empty());
        for (const core::Finding& f : all)
            QVERIFY(!f.malignancy);
        QCOMPARE(panel->findChild<QTableWidget*>()->item(0, 2)->text(), QStringLiteral("—"));
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

    void malignancyShownAndDrawnRegionsClassified()
    {
        qputenv("MAMMO_MODELS_DIR", m_withCoin.path().toUtf8());
        app::MainWindow window;
        openDemo(window);
        app::FindingsPanel* panel = window.findingsPanel();
        QVERIFY2(panel->status().contains(QStringLiteral("Analysis finished")), qPrintable(panel->status()));
        QVERIFY2(!panel->status().contains(QStringLiteral("coin-cpu")), qPrintable(panel->status()));
        QVERIFY(app::FindingsPanel::disclaimer().contains(QStringLiteral("P(malignant)")));
        panel->setThreshold(0.0);
        const auto all = panel->shownFindings();
        QVERIFY(!all.empty());
        auto* table = panel->findChild<QTableWidget*>();
        QCOMPARE(table->horizontalHeaderItem(2)->text(), QStringLiteral("P(malignant)"));
        for (int row = 0; row < table->rowCount(); ++row) {
            const core::Finding& f = all[std::size_t(row)];
            QVERIFY(f.malignancy && *f.malignancy >= 0.0 && *f.malignancy <= 1.0);
            QCOMPARE(table->item(row, 2)->text(), QString::number(*f.malignancy, 'f', 2));
        }
        for (widgets::MammoView* view : window.hangingView()->views())
            for (const core::Finding& f : view->visibleFindings())
                QVERIFY2(widgets::MammoView::findingLabel(f).contains(QStringLiteral(" · P(malignant) 0.")),
                         qPrintable(widgets::MammoView::findingLabel(f)));

        // "Classify region" (C) takes over the left drag from the ruler; a drawn
        // rectangle comes back as a drawn finding with its estimate.
        auto* classify = window.findChild<QAction*>(QStringLiteral("classifyRegionAction"));
        QVERIFY(classify);
        QCOMPARE(classify->shortcut(), QKeySequence(Qt::Key_C));
        classify->trigger();
        QVERIFY(classify->isChecked());
        widgets::MammoView* view = window.hangingView()->views()[0];
        QCOMPARE(view->tool(), widgets::MammoView::Tool::Region);
        const QPoint from = view->geometry().toView(QPointF(300, 400)).toPoint();
        const QPoint to = view->geometry().toView(QPointF(420, 520)).toPoint();
        QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, from);
        QTest::mouseMove(view, to);
        QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, to);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->shownFindings().empty() && panel->shownFindings().front().drawnByReader, kTimeoutMs);
        const core::Finding drawn = panel->shownFindings().front();
        QCOMPARE(QString::fromStdString(drawn.sopInstanceUid), view->sopInstanceUid());
        QVERIFY(drawn.malignancy && *drawn.malignancy >= 0.0 && *drawn.malignancy <= 1.0);
        const double pixel = 1.0 / view->zoom();   // image pixels per screen pixel: the drag's resolution
        QVERIFY2(qAbs(drawn.box.x - 300) <= pixel && qAbs(drawn.box.y - 400) <= pixel &&
                     qAbs(drawn.box.width - 120) <= 2 * pixel && qAbs(drawn.box.height - 120) <= 2 * pixel,
                 qPrintable(QStringLiteral("%1 %2 %3 %4 at %5 px")
                                .arg(drawn.box.x).arg(drawn.box.y).arg(drawn.box.width).arg(drawn.box.height).arg(pixel)));
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("drawn region"));
        QCOMPARE(table->item(0, 2)->text(), QString::number(*drawn.malignancy, 'f', 2));
        // Listed whatever the threshold, and drawn on its view.
        panel->setThreshold(1.0);
        QCOMPARE(panel->shownFindings().size(), std::size_t(1));
        QCOMPARE(view->visibleFindings().size(), std::size_t(1));
        QVERIFY(widgets::MammoView::findingLabel(view->visibleFindings().front()).startsWith(QStringLiteral("drawn region · P(malignant) ")));

        // The ruler and the region tool exclude each other; with neither, the left drag pans again.
        QAction* ruler = nullptr;
        for (QAction* action : window.findChildren<QAction*>())
            if (action->text() == QStringLiteral("Distance ruler"))
                ruler = action;
        QVERIFY(ruler);
        ruler->trigger();
        QVERIFY(!classify->isChecked());
        QCOMPARE(view->tool(), widgets::MammoView::Tool::Ruler);
        // Views that a new layout creates get the tool too.
        window.hangingView()->setHangingLayout(core::HangingLayout::Single);
        QCOMPARE(window.hangingView()->views().front()->tool(), widgets::MammoView::Tool::Ruler);
        ruler->trigger();
        QCOMPARE(window.hangingView()->views().front()->tool(), widgets::MammoView::Tool::Pan);

        auto* clear = [&]() -> QAction* {
            for (QAction* action : window.findChildren<QAction*>())
                if (action->text() == QStringLiteral("Clear drawn regions"))
                    return action;
            return nullptr;
        }();
        QVERIFY(clear);
        clear->trigger();
        QVERIFY(panel->shownFindings().empty());
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
