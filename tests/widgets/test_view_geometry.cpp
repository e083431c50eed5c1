#include <widgets/ViewGeometry.h>

#include <QtTest>

using mammo::widgets::ViewGeometry;

class TestViewGeometry : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fitCentresWholeImage()
    {
        ViewGeometry g;
        g.setViewSize(QSizeF(400, 800));
        g.setImageSize(QSizeF(1000, 1000));
        g.fit();
        QCOMPARE(g.zoom(), 0.4);
        QCOMPARE(g.toView(QPointF(500, 500)), QPointF(200, 400));
        QCOMPARE(g.toView(QPointF(0, 0)), QPointF(0, 200));
    }

    void flipsMirrorAboutTheCentre_data()
    {
        QTest::addColumn<bool>("flipH");
        QTest::addColumn<bool>("flipV");
        QTest::addColumn<QPointF>("expected");
        QTest::newRow("none") << false << false << QPointF(0, 0);
        QTest::newRow("horizontal") << true << false << QPointF(100, 0);
        QTest::newRow("vertical") << false << true << QPointF(0, 100);
        QTest::newRow("both") << true << true << QPointF(100, 100);
    }
    void flipsMirrorAboutTheCentre()
    {
        QFETCH(bool, flipH);
        QFETCH(bool, flipV);
        QFETCH(QPointF, expected);
        ViewGeometry g;
        g.setViewSize(QSizeF(100, 100));
        g.setImageSize(QSizeF(100, 100));
        g.setFlips(flipH, flipV);
        g.fit();
        QCOMPARE(g.toView(QPointF(0, 0)), expected);
        // Round trip image -> view -> image.
        const QPointF p(12.5, 77.25);
        const QPointF back = g.toImage(g.toView(p));
        QVERIFY(qAbs(back.x() - p.x()) < 1e-9 && qAbs(back.y() - p.y()) < 1e-9);
    }

    void zoomAboutKeepsAnchorFixed()
    {
        ViewGeometry g;
        g.setViewSize(QSizeF(300, 200));
        g.setImageSize(QSizeF(1000, 800));
        g.setFlips(true, false);
        g.fit();
        const QPointF anchor(40, 170);
        const QPointF imagePoint = g.toImage(anchor);
        g.zoomAbout(g.zoom() * 3.7, anchor);
        const QPointF again = g.toView(imagePoint);
        QVERIFY(qAbs(again.x() - anchor.x()) < 1e-9 && qAbs(again.y() - anchor.y()) < 1e-9);
    }

    void panMovesWithTheMouseEvenWhenFlipped()
    {
        ViewGeometry g;
        g.setViewSize(QSizeF(100, 100));
        g.setImageSize(QSizeF(100, 100));
        g.setFlips(true, true);
        g.fit();
        const QPointF before = g.toView(QPointF(30, 30));
        g.panBy(QPointF(7, -5));
        QCOMPARE(g.toView(QPointF(30, 30)), before + QPointF(7, -5));
    }

    void zoomIsClamped()
    {
        ViewGeometry g;
        g.setZoom(1e9);
        QCOMPARE(g.zoom(), ViewGeometry::kMaxZoom);
        g.setZoom(0);
        QCOMPARE(g.zoom(), ViewGeometry::kMinZoom);
    }
};

QTEST_GUILESS_MAIN(TestViewGeometry)
#include "test_view_geometry.moc"
