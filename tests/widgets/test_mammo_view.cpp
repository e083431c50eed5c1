// Renders real images through VTK under Xvfb and checks the pixels on screen.
#include <widgets/MammoView.h>
#include <widgets/SurfaceFormat.h>

#include <support/ImageChecks.h>

#include <QOpenGLWindow>
#include <QApplication>
#include <QSignalSpy>
#include <QtTest>

using namespace mammo;
using mammo::test::meanGrey;

namespace {

// A 12-bit "breast": a bright half-disc touching the left edge on black.
core::ImagePtr phantom(bool monochrome1 = false, std::string uid = "1.2.3.4")
{
    core::ImageAttributes a;
    a.sopInstanceUid = std::move(uid);
    a.rows = 400;
    a.columns = 300;
    a.pixelFormat = {16, 12, 11, false};
    a.photometric = monochrome1 ? core::Photometric::Monochrome1 : core::Photometric::Monochrome2;
    a.laterality = core::Laterality::Left;
    a.view = core::ViewPosition::MLO;
    a.imagerPixelSpacing = core::Spacing{0.1, 0.1};
    a.windows.push_back({2048, 4096, core::VoiFunction::Linear, ""});
    std::vector<std::uint16_t> pixels(std::size_t(a.rows) * std::size_t(a.columns), 0);
    for (int r = 0; r < a.rows; ++r)
        for (int c = 0; c < a.columns; ++c) {
            const double dy = (r - 200) / 180.0, dx = c / 220.0;
            if (dx * dx + dy * dy < 1.0)
                pixels[std::size_t(r) * std::size_t(a.columns) + std::size_t(c)] = std::uint16_t(3500 - (c % 7) * 10);
        }
    if (monochrome1)
        for (auto& p : pixels)
            p = std::uint16_t(4095 - p);
    return std::make_shared<const core::Image>(a, pixels);
}


} // namespace

class TestMammoView : public QObject {
    Q_OBJECT
private:
    QImage render(widgets::MammoView& view)
    {
        view.resize(300, 400);
        view.show();
        // The view's own GL window is exposed (and sized) after its top-level.
        if (!QTest::qWaitForWindowExposed(&view) || !QTest::qWaitFor([&] { return view.surface()->isExposed(); }))
            return {};
        view.setShowCornerText(false);
        return view.grabFramebuffer();
    }

private Q_SLOTS:
    void showsTissueWhereTissueIs_data()
    {
        QTest::addColumn<bool>("flip");
        QTest::addColumn<bool>("monochrome1");
        QTest::newRow("as stored") << false << false;
        QTest::newRow("flipped") << true << false;
        QTest::newRow("MONOCHROME1") << false << true;
    }
    void showsTissueWhereTissueIs()
    {
        QFETCH(bool, flip);
        QFETCH(bool, monochrome1);
        widgets::MammoView view;
        view.setImage(phantom(monochrome1), core::DisplayFlip{flip, false});
        const QImage shot = render(view);
        QVERIFY(!shot.isNull());
        const double zoom = view.zoom();
        QVERIFY2(qAbs(zoom - 1.0) < 0.01, qPrintable(QString::number(zoom)));
        // Tissue at the stored left edge (or the right edge when flipped); air opposite.
        const QRect tissue = flip ? QRect(260, 180, 30, 40) : QRect(10, 180, 30, 40);
        const QRect air = flip ? QRect(10, 20, 30, 40) : QRect(260, 20, 30, 40);
        QVERIFY2(meanGrey(shot, tissue) > 180, qPrintable(QString::number(meanGrey(shot, tissue))));
        QVERIFY2(meanGrey(shot, air) < 20, qPrintable(QString::number(meanGrey(shot, air))));
    }

    void windowChangeChangesPixels()
    {
        widgets::MammoView view;
        view.setImage(phantom(), {});
        const QImage before = render(view);
        view.setWindow(3500, 200);   // tissue at 3440..3500 now spans the dark half
        QCoreApplication::processEvents();
        const QImage after = view.grabFramebuffer();
        const QRect tissue(10, 180, 30, 40);
        QVERIFY(meanGrey(after, tissue) < meanGrey(before, tissue) - 40);
        QCOMPARE(view.windowCenter(), 3500.0);
    }

    // A right drag on a minified view shows sampled block means while it lasts and the
    // exact ones from its release on (columns alternate bright and dark, so the two differ).
    void windowDragOnAMinifiedViewEndsWithTheExactFrame()
    {
        core::ImageAttributes a;
        a.sopInstanceUid = "1.2.3.9";
        a.rows = 1600;
        a.columns = 1200;
        a.pixelFormat = {16, 12, 11, false};
        a.windows.push_back({2048, 4096, core::VoiFunction::Linear, ""});
        std::vector<std::uint16_t> pixels(std::size_t(a.rows) * std::size_t(a.columns));
        for (std::size_t i = 0; i < pixels.size(); ++i)
            pixels[i] = (i % 2) ? 500 : 3500;
        widgets::MammoView view;
        view.setImage(std::make_shared<const core::Image>(a, pixels), {});
        view.resize(100, 130);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY(view.surface()->isExposed());
        view.setShowCornerText(false);
        QVERIFY2(view.zoom() <= 1.0 / 8.0, qPrintable(QString::number(view.zoom())));
        const QRect inside(30, 40, 30, 40);

        const QPoint from(50, 65), to(52, 65);
        QTest::mousePress(&view, Qt::RightButton, Qt::NoModifier, from);
        QTest::mouseMove(&view, to);
        const double sampled = meanGrey(view.grabFramebuffer(), inside);
        QTest::qWait(50);   // nothing else pending
        QSignalSpy repainted(&view, &widgets::MammoView::frameSwapped);
        QTest::mouseRelease(&view, Qt::RightButton, Qt::NoModifier, to);
        QVERIFY(repainted.wait(2000));   // the release alone brings the exact frame to the screen
        const double released = meanGrey(view.grabFramebuffer(), inside);
        view.setWindow(view.windowCenter(), view.windowWidth());   // a programmatic change renders exactly
        const double exact = meanGrey(view.grabFramebuffer(), inside);
        QVERIFY2(qAbs(released - exact) < 0.5, qPrintable(QString("%1 vs %2").arg(released).arg(exact)));
        QVERIFY2(sampled > exact + 40, qPrintable(QString("%1 vs %2").arg(sampled).arg(exact)));   // even columns only
    }

    void findingsDrawOnlyOnTheirImageAndFollowFlips()
    {
        core::Finding mine;
        mine.sopInstanceUid = "1.2.3.4";
        mine.box = {100, 100, 40, 40};
        mine.score = 0.9;
        core::Finding other = mine;
        other.sopInstanceUid = "9.9.9";
        other.box = {200, 300, 40, 40};

        for (bool flip : {false, true}) {
            widgets::MammoView view;
            view.setImage(phantom(), core::DisplayFlip{flip, false});
            view.setFindings({mine, other});
            QCOMPARE(view.visibleFindings().size(), std::size_t(1));
            const QImage shot = render(view);
            // The box outline (yellow) lies where the geometry maps the box.
            const QPointF corner = view.geometry().toView(QPointF(100, 120));
            const QRgb px = shot.pixel(int(corner.x()), int(corner.y()));
            QVERIFY2(qRed(px) > 200 && qGreen(px) > 150 && qBlue(px) < 100,
                     qPrintable(QStringLiteral("flip %1: %2,%3,%4").arg(flip).arg(qRed(px)).arg(qGreen(px)).arg(qBlue(px))));
            // Nothing where the other image's finding would be.
            const QPointF otherCorner = view.geometry().toView(QPointF(200, 320));
            const QRgb none = shot.pixel(int(otherCorner.x()), int(otherCorner.y()));
            QVERIFY(!(qRed(none) > 200 && qBlue(none) < 100 && qGreen(none) > 150));
        }
    }

    void rulerMeasuresMillimetres()
    {
        widgets::MammoView view;
        view.setImage(phantom(), {});
        render(view);
        view.setTool(widgets::MammoView::Tool::Ruler);
        const QPoint a = view.geometry().toView(QPointF(50, 50)).toPoint();
        const QPoint b = view.geometry().toView(QPointF(50, 250)).toPoint();
        QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, a);
        QTest::mouseMove(&view, b);
        QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, b);
        QVERIFY(view.measuredDistanceMm().has_value());
        QVERIFY2(qAbs(*view.measuredDistanceMm() - 20.0) < 0.2, qPrintable(QString::number(*view.measuredDistanceMm())));
    }

    void wheelZoomsAboutCursorAndEmits()
    {
        widgets::MammoView view;
        view.setImage(phantom(), {});
        render(view);
        QSignalSpy spy(&view, &widgets::MammoView::zoomChanged);
        const QPointF anchor(120, 150);
        const QPointF imagePoint = view.geometry().toImage(anchor);
        QWheelEvent wheel(anchor, view.mapToGlobal(anchor), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
        QApplication::sendEvent(&view, &wheel);
        QCOMPARE(spy.count(), 1);
        QVERIFY(view.zoom() > 1.1);
        const QPointF again = view.geometry().toView(imagePoint);
        QVERIFY(qAbs(again.x() - anchor.x()) < 1e-6);
    }

    void findingLabelShowsMalignancy_data()
    {
        QTest::addColumn<QString>("label");
        QTest::addColumn<double>("score");
        QTest::addColumn<double>("malignancy");   // negative: none
        QTest::addColumn<bool>("drawn");
        QTest::addColumn<QString>("expected");
        QTest::newRow("detection") << "mass" << 0.82 << -1.0 << false << "mass 0.82";
        QTest::newRow("classified detection") << "mass" << 0.82 << 0.349 << false << "mass 0.82 · P(malignant) 0.35";
        QTest::newRow("no label") << "" << 0.5 << 0.9 << false << "mass 0.50 · P(malignant) 0.90";
        QTest::newRow("drawn region") << "drawn region" << 0.0 << 0.35 << true << "drawn region · P(malignant) 0.35";
    }

    void findingLabelShowsMalignancy()
    {
        QFETCH(QString, label);
        QFETCH(double, score);
        QFETCH(double, malignancy);
        QFETCH(bool, drawn);
        QFETCH(QString, expected);
        core::Finding finding;
        finding.label = label.toStdString();
        finding.score = score;
        if (malignancy >= 0)
            finding.malignancy = malignancy;
        finding.drawnByReader = drawn;
        QCOMPARE(widgets::MammoView::findingLabel(finding), expected);
    }

    void regionToolDrawsARectangleInImagePixels()
    {
        widgets::MammoView view;
        view.setImage(phantom(), {});
        render(view);
        QSignalSpy drawn(&view, &widgets::MammoView::regionDrawn);
        auto drag = [&](QPointF from, QPointF to) {
            const QPoint a = view.geometry().toView(from).toPoint();
            const QPoint b = view.geometry().toView(to).toPoint();
            QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, a);
            QTest::mouseMove(&view, b);
            QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, b);
        };

        // The pan tool pans, and draws nothing.
        const QPointF centre = view.geometry().center();
        drag({150, 200}, {100, 150});
        QCOMPARE(drawn.count(), 0);
        QVERIFY(view.geometry().center() != centre);
        view.setZoomMode(widgets::MammoView::ZoomMode::Fit);
        const QPointF fitted = view.geometry().center();

        view.setTool(widgets::MammoView::Tool::Region);
        drag({150, 210}, {50, 60});   // any corner first
        QCOMPARE(drawn.count(), 1);
        QCOMPARE(drawn[0][0].toString(), QStringLiteral("1.2.3.4"));
        const QRectF box = drawn[0][1].toRectF();
        QVERIFY2(qAbs(box.left() - 50) <= 1 && qAbs(box.top() - 60) <= 1 && qAbs(box.width() - 100) <= 1 &&
                     qAbs(box.height() - 150) <= 1,
                 qPrintable(QStringLiteral("%1 %2 %3 %4").arg(box.x()).arg(box.y()).arg(box.width()).arg(box.height())));
        QCOMPARE(view.geometry().center(), fitted);   // the view did not pan

        // Past the image's edge: clipped to the image. A click is no region.
        drag({250, 350}, {400, 500});
        QCOMPARE(drawn.count(), 2);
        QCOMPARE(drawn[1][1].toRectF().right(), 300.0);
        QCOMPARE(drawn[1][1].toRectF().bottom(), 400.0);
        drag({100, 100}, {101, 101});
        QCOMPARE(drawn.count(), 2);

        // Right drag still sets the window while the tool is on.
        const double width = view.windowWidth();
        const QPoint a = view.geometry().toView(QPointF(150, 200)).toPoint();
        QTest::mousePress(&view, Qt::RightButton, Qt::NoModifier, a);
        QTest::mouseMove(&view, a + QPoint(60, 0));
        QTest::mouseRelease(&view, Qt::RightButton, Qt::NoModifier, a + QPoint(60, 0));
        QVERIFY(view.windowWidth() > width);
        QCOMPARE(drawn.count(), 2);
    }
};

int main(int argc, char** argv)
{
    mammo::widgets::installDefaultSurfaceFormat();
    QApplication app(argc, argv);
    TestMammoView test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_mammo_view.moc"
