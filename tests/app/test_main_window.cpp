// Opens the bundled demo study in the real main window under Xvfb and checks
// what a reader would see: the hanging, real pixels, and bad input handled.
#include <app/MainWindow.h>

#include <widgets/HangingView.h>
#include <widgets/MammoView.h>
#include <widgets/SurfaceFormat.h>

#include <core/DicomReader.h>
#include <core/ViewCodes.h>
#include <core/cad/CadResultsExport.h>

#include <support/ImageChecks.h>
#include <support/TestDicom.h>

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace mammo;
using mammo::test::meanGrey;

namespace {

const QString kDemo = QStringLiteral(MAMMO_SOURCE_DIR "/resources/demo");

bool waitLoaded(app::MainWindow& window)
{
    QSignalSpy finished(&window, &app::MainWindow::loadingFinished);
    return finished.wait(60000) || !window.isLoading();
}


} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() { QCoreApplication::setOrganizationName(QStringLiteral("MammoscopeTest")); }

    void demoStudyHangsWithChestWallsFacing()
    {
        app::MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openPaths({kDemo});
        QVERIFY(waitLoaded(window));
        QTRY_VERIFY_WITH_TIMEOUT(!window.isLoading(), 30000);
        widgets::HangingView* hanging = window.hangingView();
        QCOMPARE(hanging->hangingLayout(), core::HangingLayout::SideBySide);
        const auto views = hanging->views();
        QCOMPARE(views.size(), std::size_t(2));
        QTRY_VERIFY_WITH_TIMEOUT(views[0]->image() && views[1]->image(), 30000);
        QCOMPARE(views[0]->image()->attributes().laterality, core::Laterality::Right);
        QCOMPARE(views[1]->image()->attributes().laterality, core::Laterality::Left);

        // Real pixels: breast tissue against the inner (chest wall) edges, air outside.
        const QImage right = views[0]->grabFramebuffer();
        const QImage left = views[1]->grabFramebuffer();
        const auto imageRect = [](widgets::MammoView* v) {
            return v->geometry().imageToView().mapRect(QRectF(0, 0, v->image()->columns(), v->image()->rows())).toRect();
        };
        const QRect r = imageRect(views[0]).intersected(right.rect());
        const QRect l = imageRect(views[1]).intersected(left.rect());
        const int h = r.height();
        // Middle third of the height, a band at the inner and outer edge of each image.
        const QRect rInner(r.right() - r.width() / 3, r.top() + h / 3, r.width() / 6, h / 3);
        const QRect rOuter(r.left() + 2, r.top() + h / 3, r.width() / 8, h / 3);
        const QRect lInner(l.left() + r.width() / 6, l.top() + h / 3, l.width() / 6, h / 3);
        const QRect lOuter(l.right() - l.width() / 8, l.top() + h / 3, l.width() / 8 - 2, h / 3);
        // (mini-MIAS films are centred in a padded matrix, so the inner band holds some padding too.)
        QVERIFY2(meanGrey(right, rInner) > 50, qPrintable(QString::number(meanGrey(right, rInner))));
        QVERIFY2(meanGrey(right, rOuter) < 25, qPrintable(QString::number(meanGrey(right, rOuter))));
        QVERIFY2(meanGrey(left, lInner) > 50, qPrintable(QString::number(meanGrey(left, lInner))));
        QVERIFY2(meanGrey(left, lOuter) < 25, qPrintable(QString::number(meanGrey(left, lOuter))));
        // Swapping the views (no chest walls facing) would fail this.
        QVERIFY(meanGrey(right, rInner) > meanGrey(right, rOuter) + 30);
        QVERIFY(meanGrey(left, lInner) > meanGrey(left, lOuter) + 30);
        QVERIFY(window.problems().isEmpty());
    }

    void priorStudyHangsUnderTheCurrentOne()
    {
        // Four views now and four a year earlier, same patient; the prior lacks its LMLO.
        QTemporaryDir dir;
        int n = 0;
        for (const char* date : {"20240305", "20230301"}) {
            const std::string study = std::string("1.2.826.0.1.3680043.10.1234.") + date;
            for (const char* side : {"R", "L"})
                for (const char* view : {"CC", "MLO"}) {
                    if (std::string(date) == "20230301" && std::string(side) == "L" && std::string(view) == "MLO")
                        continue;
                    mammo::test::TestImageSpec spec;
                    spec.studyDate = date;
                    spec.studyUid = study;
                    spec.seriesUid = study + ".1";
                    spec.sopUid = study + ".1." + std::to_string(++n);
                    spec.laterality = side;
                    spec.viewPosition = view;
                    // Every image stored chest wall left (A): only the right breast needs a flip.
                    spec.patientOrientation = {"A", view == std::string("CC") ? (std::string(side) == "R" ? "L" : "R") : "F"};
                    mammo::test::writeTestImage(dir.filePath(QStringLiteral("%1.dcm").arg(n)).toStdString(), spec);
                }
        }
        app::MainWindow window;
        window.resize(1200, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openPaths({dir.path()});
        QVERIFY(waitLoaded(window));
        QTRY_VERIFY_WITH_TIMEOUT(!window.isLoading(), 30000);
        QAction* compare = nullptr;
        for (QAction* a : window.findChildren<QAction*>())
            if (a->text() == QStringLiteral("Compare with prior"))
                compare = a;
        QVERIFY(compare);
        QVERIFY(compare->isEnabled());   // the newest study opened; the older one is its prior
        widgets::HangingView* hanging = window.hangingView();
        QVERIFY(!hanging->comparing());
        compare->trigger();
        QVERIFY(hanging->comparing());
        QCOMPARE(hanging->pageCount(), 2);   // CC page, MLO page
        const auto views = hanging->views();
        QCOMPARE(views.size(), std::size_t(4));
        QTRY_VERIFY_WITH_TIMEOUT(views[0]->image() && views[1]->image() && views[2]->image() && views[3]->image(), 30000);
        auto describe = [](widgets::MammoView* v) {
            const auto& a = v->image()->attributes();
            return QString::fromStdString(a.studyDate + " " + core::lateralityLetter(a.laterality) + core::viewPositionName(a.view));
        };
        QCOMPARE(describe(views[0]), QStringLiteral("20240305 RCC"));
        QCOMPARE(describe(views[1]), QStringLiteral("20240305 LCC"));
        QCOMPARE(describe(views[2]), QStringLiteral("20230301 RCC"));
        QCOMPARE(describe(views[3]), QStringLiteral("20230301 LCC"));
        QCOMPARE(views[0]->studyTag(), QStringLiteral("CURRENT 2024-03-05"));
        QCOMPARE(views[2]->studyTag(), QStringLiteral("PRIOR 2023-03-01"));
        // The same flips as the current hanging: chest walls face each other in both rows.
        QCOMPARE(views[2]->geometry().flipHorizontal(), views[0]->geometry().flipHorizontal());
        QCOMPARE(views[3]->geometry().flipHorizontal(), views[1]->geometry().flipHorizontal());
        QVERIFY(views[0]->geometry().flipHorizontal() != views[1]->geometry().flipHorizontal());

        hanging->setPage(1);
        QTRY_VERIFY_WITH_TIMEOUT(views[0]->image() && views[2]->image(), 30000);
        QCOMPARE(describe(views[0]), QStringLiteral("20240305 RMLO"));
        QCOMPARE(describe(views[2]), QStringLiteral("20230301 RMLO"));
        QVERIFY(!views[3]->image());   // no prior LMLO: an empty cell, not another image

        // A plain layout ends the comparison.
        for (QAction* a : window.findChildren<QAction*>())
            if (a->text() == QStringLiteral("Layout 2×2"))
                a->trigger();
        QVERIFY(!hanging->comparing());
        QTRY_VERIFY_WITH_TIMEOUT(hanging->views()[0]->image(), 30000);
        QCOMPARE(hanging->views()[0]->studyTag(), QString());
    }

    void marksOfACadSrBesideTheImagesAreDrawnOnTheirImages()
    {
        QTemporaryDir dir;
        for (const char* name : {"mdb001.dcm", "mdb002.dcm"})
            QVERIFY(QFile::copy(kDemo + QLatin1Char('/') + QLatin1String(name), dir.filePath(QLatin1String(name))));
        std::vector<core::ImageAttributes> images;
        for (const char* name : {"mdb001.dcm", "mdb002.dcm"})
            images.push_back(core::readDicomHeader(dir.filePath(QLatin1String(name)).toStdString()).attributes);
        core::Finding mark;
        mark.sopInstanceUid = images[0].sopInstanceUid;   // mdb001 only
        mark.contour = {{500.5, 400.25}, {560.0, 410.0}, {580.0, 470.5}, {520.0, 490.0}, {495.0, 450.0}};
        mark.box = {495.0, 400.25, 85.0, 89.75};
        mark.score = 0.83;
        mark.malignancy = 0.27;
        mark.label = "mass";
        core::cad::CadProducer producer;
        producer.algorithmName = "test";
        producer.algorithmVersion = "1";
        core::cad::exportCadResults(images, {mark}, producer, dir.filePath(QStringLiteral("sr.dcm")).toStdString(), {});

        QSettings settings;
        settings.setValue(QStringLiteral("ai/analyseOnOpen"), false);   // only the SR's marks
        app::MainWindow window;
        window.resize(1200, 800);
        window.show();
        window.openPaths({dir.path()});
        QVERIFY(waitLoaded(window));
        QTRY_VERIFY_WITH_TIMEOUT(!window.isLoading(), 30000);
        const auto views = window.hangingView()->views();
        QTRY_VERIFY_WITH_TIMEOUT(views[0]->image() && views[1]->image(), 30000);
        widgets::MammoView* right = window.hangingView()->viewFor(QString::fromStdString(images[0].sopInstanceUid));
        widgets::MammoView* left = window.hangingView()->viewFor(QString::fromStdString(images[1].sopInstanceUid));
        QVERIFY(right && left);
        QTRY_COMPARE_WITH_TIMEOUT(right->visibleFindings().size(), std::size_t(1), 10000);
        QCOMPARE(left->visibleFindings().size(), std::size_t(0));   // never on the other image
        const core::Finding drawn = right->visibleFindings().front();
        QCOMPARE(drawn.contour.size(), mark.contour.size());
        for (std::size_t i = 0; i < mark.contour.size(); ++i) {
            QVERIFY(std::abs(drawn.contour[i].x - mark.contour[i].x) < 1e-3);
            QVERIFY(std::abs(drawn.contour[i].y - mark.contour[i].y) < 1e-3);
        }
        QVERIFY(std::abs(drawn.score - mark.score) < 1e-6);
        QVERIFY(drawn.malignancy && std::abs(*drawn.malignancy - *mark.malignancy) < 1e-6);
        QCOMPARE(QString::fromStdString(drawn.label), QStringLiteral("SR mass"));
        settings.remove(QStringLiteral("ai/analyseOnOpen"));
    }

    void badFilesAreReportedAndTheRestOpens()
    {
        QTemporaryDir dir;
        QVERIFY(QFile::copy(kDemo + QStringLiteral("/mdb001.dcm"), dir.filePath(QStringLiteral("good.dcm"))));
        QFile source(kDemo + QStringLiteral("/mdb002.dcm"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray bytes = source.readAll();
        QFile truncated(dir.filePath(QStringLiteral("truncated.dcm")));
        QVERIFY(truncated.open(QIODevice::WriteOnly));
        truncated.write(bytes.left(bytes.size() / 3));
        truncated.close();
        QFile junk(dir.filePath(QStringLiteral("junk.dcm")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(5000, 'x'));
        junk.close();

        app::MainWindow window;
        window.resize(900, 600);
        window.show();
        window.openPaths({dir.path()});
        QVERIFY(waitLoaded(window));
        QTRY_VERIFY_WITH_TIMEOUT(!window.isLoading(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(window.hangingView()->views()[0]->image() != nullptr, 30000);
        QVERIFY2(window.problems().size() >= 2, qPrintable(window.problems().join(QLatin1Char('\n'))));
    }
};

int main(int argc, char** argv)
{
    mammo::widgets::installDefaultSurfaceFormat();
    QApplication app(argc, argv);
    TestMainWindow test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_main_window.moc"
