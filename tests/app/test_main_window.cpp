// Opens the bundled demo study in the real main window under Xvfb and checks
// what a reader would see: the hanging, real pixels, and bad input handled.
#include <app/MainWindow.h>

#include <widgets/HangingView.h>
#include <widgets/MammoView.h>
#include <widgets/SurfaceFormat.h>

#include <support/ImageChecks.h>

#include <QApplication>
#include <QFile>
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
