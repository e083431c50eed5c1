// The synthetic-case workflow in the real main window under Xvfb, as an
// annotator does it: drop a lesion from the library onto the normal image,
// drag it, undo and redo, compare with the original, and save a case that
// reloads with its SYNTHETIC banner and its mask. Also: work in progress
// survives the window going away (autosave), and previews coalesce.
#include <app/MainWindow.h>
#include <app/synthesis/SyntheticCaseController.h>
#include <app/synthesis/SyntheticCasePanel.h>

#include <widgets/HangingView.h>
#include <widgets/MammoView.h>

#include <core/DicomReader.h>
#include <core/cad/SegmentationReader.h>

#include <QDockWidget>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QScreen>
#include <QStandardPaths>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace mammo;

namespace {

const QString kDemo = QStringLiteral(MAMMO_SOURCE_DIR "/resources/demo");

// mini-MIAS mdb182: a normal left MLO, the case's base.
widgets::MammoView* openNormalImage(app::MainWindow& window)
{
    window.resize(1400, 900);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return nullptr;
    window.openPaths({kDemo + "/mdb181.dcm", kDemo + "/mdb182.dcm"});
    QSignalSpy finished(&window, &app::MainWindow::loadingFinished);
    finished.wait(60000);
    for (int i = 0; i < 300; ++i) {
        for (widgets::MammoView* view : window.hangingView()->views())
            if (view->image() && view->image()->attributes().laterality == core::Laterality::Left)
                return view;
        QTest::qWait(100);
    }
    return nullptr;
}

// A point well inside the breast: the centroid of the brighter half of the image's pixels.
QPointF breastPoint(const core::Image& image)
{
    double sx = 0, sy = 0, n = 0;
    const int threshold = (image.minStoredValue() + image.maxStoredValue()) / 2;
    for (int r = 0; r < image.rows(); r += 4)
        for (int c = 0; c < image.columns(); c += 4)
            if (image.storedValue(image.frame(0)[std::size_t(r) * std::size_t(image.columns()) + std::size_t(c)]) > threshold) {
                sx += c;
                sy += r;
                ++n;
            }
    return {sx / n, sy / n};
}

void dropLesion(widgets::MammoView* view, const QString& lesionId, QPointF imagePoint)
{
    QMimeData mime;
    mime.setData(widgets::MammoView::lesionMimeType(), lesionId.toUtf8());
    const QPointF at = view->viewPointOf(imagePoint);
    QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view, &enter);
    QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view, &drop);
}

// Mean stored value in a disc.
double discMean(const core::Image& image, QPointF centre, double radius)
{
    double sum = 0, n = 0;
    for (int r = int(centre.y() - radius); r <= int(centre.y() + radius); ++r)
        for (int c = int(centre.x() - radius); c <= int(centre.x() + radius); ++c)
            if (std::hypot(c - centre.x(), r - centre.y()) <= radius) {
                sum += image.frame(0)[std::size_t(r) * std::size_t(image.columns()) + std::size_t(c)];
                ++n;
            }
    return sum / n;
}

// A row that is mostly the banner's dark red: the SYNTHETIC band is drawn.
bool hasBannerRow(const QImage& frame)
{
    for (int y = 0; y < frame.height(); ++y) {
        int red = 0;
        for (int x = 0; x < frame.width(); ++x) {
            const QColor c = frame.pixelColor(x, y);
            red += c.red() > 100 && c.green() < 70 && c.blue() < 70;
        }
        if (red > frame.width() * 6 / 10)
            return true;
    }
    return false;
}

// Pixels that differ between two images of one size.
int differingPixels(const core::Image& a, const core::Image& b)
{
    int count = 0;
    for (std::size_t i = 0; i < a.pixelsPerFrame(); ++i)
        count += a.frame(0)[i] != b.frame(0)[i];
    return count;
}

} // namespace

class TestSyntheticCasePanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("MammoscopeTest"));
        QVERIFY(m_autosave.isValid());
        qputenv("MAMMO_AUTOSAVE_DIR", m_autosave.path().toUtf8());
        // The user's lesion library goes to Qt's test location, never the real one.
        QStandardPaths::setTestModeEnabled(true);
        QDir(QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath("lesions")).removeRecursively();
    }

    void init()
    {
        // Each test starts with no work in progress from an earlier one.
        for (const QString& name : QDir(m_autosave.path()).entryList({"*.json"}, QDir::Files))
            QFile::remove(QDir(m_autosave.path()).filePath(name));
    }

    void dropDragUndoToggleAndSave()
    {
        app::MainWindow window;
        widgets::MammoView* view = openNormalImage(window);
        QVERIFY(view);
        const core::ImagePtr original = view->image();
        app::SyntheticCaseController* cases = window.syntheticCases();
        app::SyntheticCasePanel* panel = window.syntheticCasePanel();
        QVERIFY(cases->ensureLibrary());
        QVERIFY(panel->libraryList()->count() > 40);   // the mini-MIAS masses, as thumbnails
        QVERIFY(!panel->libraryList()->item(0)->icon().isNull());

        // Drop: a case begins on this image, the lesion tool is chosen, the composite replaces the image.
        QSignalSpy shown(cases, &app::SyntheticCaseController::compositeShown);
        const QPointF site = breastPoint(*original);
        dropLesion(view, "mdb023-1", site);
        QCOMPARE(cases->session().lesions().size(), std::size_t(1));
        QCOMPARE(view->tool(), widgets::MammoView::Tool::Lesion);
        QVERIFY(shown.wait(30000));
        QTRY_VERIFY_WITH_TIMEOUT(cases->shownGeneration() == cases->pendingGeneration(), 30000);
        QVERIFY(view->image()->attributes().isSynthetic());
        QTRY_VERIFY_WITH_TIMEOUT(hasBannerRow(view->grabFramebuffer()), 5000);   // the SYNTHETIC band across the view
        QVERIFY(!original->attributes().isSynthetic());
        QVERIFY(view->visibleFindings().empty());   // the assistant's marks are the original's, not the preview's
        QVERIFY(differingPixels(*view->image(), *original) > 50);
        QCOMPARE(view->lesionHandles().size(), std::size_t(1));
        QVERIFY(panel->saveButton()->isEnabled());

        // Drag the lesion by its body with the mouse: one undo step, and the blend follows.
        const QPointF from = view->viewPointOf(site);
        const QPointF to = from + QPointF(25, 15);
        QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, from.toPoint());
        for (int step = 1; step <= 5; ++step) {
            QMouseEvent move(QEvent::MouseMove, from + (to - from) * step / 5.0, view->mapToGlobal(from + (to - from) * step / 5.0),
                             Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(view, &move);
        }
        QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, to.toPoint());
        const QPointF moved = cases->session().lesions().front().centre;
        QVERIFY2(moved.x() > site.x() + 2 && moved.y() > site.y() + 1, qPrintable(QString("%1,%2").arg(moved.x()).arg(moved.y())));
        QUndoStack* undo = cases->session().undoStack();
        QCOMPARE(undo->count(), 2);   // place, move
        undo->undo();
        QCOMPARE(cases->session().lesions().front().centre, site);
        undo->redo();
        QCOMPARE(cases->session().lesions().front().centre, moved);

        // Keyboard: + scales the selected lesion; Delete removes it; undo brings it back.
        const double scale = cases->session().lesions().front().scale;
        QTest::keyClick(view, Qt::Key_Plus);
        QVERIFY(cases->session().lesions().front().scale > scale);
        QTest::keyClick(view, Qt::Key_Delete);
        QVERIFY(cases->session().lesions().empty());
        undo->undo();
        QCOMPARE(cases->session().lesions().size(), std::size_t(1));

        // Twenty quick nudges: only the latest position must be blended and shown, not every one.
        const quint64 blendsBefore = cases->worker()->blendsDone();
        const quint64 requestsBefore = cases->pendingGeneration();
        for (int i = 0; i < 20; ++i)
            QTest::keyClick(view, Qt::Key_Right);
        QTRY_VERIFY_WITH_TIMEOUT(cases->shownGeneration() == cases->pendingGeneration(), 30000);
        QCOMPARE(cases->pendingGeneration() - requestsBefore, quint64(20));
        QVERIFY2(cases->worker()->blendsDone() - blendsBefore < 20,
                 qPrintable(QString::number(cases->worker()->blendsDone() - blendsBefore)));

        // Toggle against the original: the view shows the normal image's pixels, then the composite again.
        panel->setShowOriginal(true);
        QCOMPARE(differingPixels(*view->image(), *original), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!hasBannerRow(view->grabFramebuffer()), 5000);
        panel->setShowOriginal(false);
        QVERIFY(differingPixels(*view->image(), *original) > 50);

        // Every method: Poisson and paste blend the same placement.
        for (const QString method : {"poisson", "paste", "ban"}) {
            cases->session().setMethod(method);
            QTRY_VERIFY_WITH_TIMEOUT(cases->shownGeneration() == cases->pendingGeneration(), 30000);
            QVERIFY2(differingPixels(*view->image(), *original) > 50, qPrintable(method));
            // A mass is denser than fat: the lesion's core must not come out darker than the tissue it covers.
            const auto& handle = view->lesionHandles().front().transform;
            const double before = discMean(*original, handle.centre, handle.radius / 2);
            const double after = discMean(*view->image(), handle.centre, handle.radius / 2);
            QVERIFY2(after > 0.9 * before, qPrintable(QString("%1: %2 -> %3").arg(method).arg(before).arg(after)));
            qInfo("%s", qPrintable(panel->findChild<QLabel*>("synthesisStatus")->text()));   // the preview's blend time
        }

        // Save: synthetic MG + SEG + training case, which reload as such.
        QTemporaryDir out;
        QSignalSpy saved(cases, &app::SyntheticCaseController::caseSaved);
        QSignalSpy failed(cases, &app::SyntheticCaseController::saveFailed);
        cases->saveTo(out.path());
        QVERIFY(saved.wait(60000));
        QVERIFY(failed.isEmpty());
        const QString imagePath = saved.front()[0].toString();
        const QString segPath = saved.front()[1].toString();
        const auto header = core::readDicomHeader(imagePath.toStdString()).attributes;
        QVERIFY(header.isSynthetic());
        QVERIFY(header.sopInstanceUid != original->attributes().sopInstanceUid);
        QVERIFY(header.studyInstanceUid != original->attributes().studyInstanceUid);
        QVERIFY(header.patientName != original->attributes().patientName);
        const auto segmentation = core::cad::SegmentationReader().read(segPath.toStdString());
        QCOMPARE(segmentation.segments.size(), std::size_t(1));
        QCOMPARE(segmentation.segments.front().referencedSopInstanceUid, header.sopInstanceUid);
        // The saved mask is where the lesion was placed (the disc of its handle, roughly).
        const auto& mask = segmentation.segments.front().mask;
        const QPointF centre = cases->session().lesions().front().centre;
        QCOMPARE(mask.at(int(centre.y()), int(centre.x())), std::uint8_t(1));
        QVERIFY(QFile::exists(out.filePath("training/Info.txt")));

        const QString screenshots = qEnvironmentVariable("MAMMO_SCREENSHOT_DIR");
        if (!screenshots.isEmpty()) {
            // For a person to look at: what the display shows (QWidget::grab re-renders GL views apart).
            window.findChild<QDockWidget*>("syntheticCasesDock")->raise();
            QTest::qWait(300);
            window.screen()->grabWindow(window.winId()).save(screenshots + "/synthetic-case-panel.png");
        }

        window.hide();
        app::MainWindow reopened;
        reopened.resize(900, 900);
        reopened.show();
        QVERIFY(QTest::qWaitForWindowExposed(&reopened));
        reopened.openPaths({imagePath});
        QTRY_VERIFY_WITH_TIMEOUT(reopened.hangingView()->views().front()->image() != nullptr, 30000);
        QVERIFY(reopened.hangingView()->views().front()->image()->attributes().isSynthetic());
        if (!screenshots.isEmpty()) {
            QTest::qWait(300);
            reopened.screen()->grabWindow(reopened.winId()).save(screenshots + "/synthetic-case-reopened.png");
        }
    }

    void cutALesionFromTheImage()
    {
        app::MainWindow window;
        widgets::MammoView* view = openNormalImage(window);
        QVERIFY(view);
        app::SyntheticCasePanel* panel = window.syntheticCasePanel();
        QVERIFY(window.syntheticCases()->ensureLibrary());
        const int before = panel->libraryList()->count();
        // "Cut lesion", then a rectangle drawn around some dense tissue.
        panel->findChild<QPushButton*>("cutLesion")->click();
        QCOMPARE(view->tool(), widgets::MammoView::Tool::Region);
        const QPointF centre = breastPoint(*view->image());
        const QPoint from = view->viewPointOf(centre - QPointF(40, 40)).toPoint();
        const QPoint to = view->viewPointOf(centre + QPointF(40, 40)).toPoint();
        QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, from);
        QMouseEvent move(QEvent::MouseMove, to, view->mapToGlobal(to), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view, &move);
        QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, to);
        QVERIFY2(panel->libraryList()->count() == before + 1,
                 qPrintable(panel->findChild<QLabel*>("synthesisStatus")->text()));
        QVERIFY(panel->libraryList()->item(before)->data(Qt::UserRole).toString().startsWith("cut-"));
        QVERIFY(!panel->findChild<QPushButton*>("cutLesion")->isChecked());   // one cut per click
        // The new lesion is placed like any other.
        dropLesion(view, panel->libraryList()->item(before)->data(Qt::UserRole).toString(), centre + QPointF(0, 60));
        QCOMPARE(window.syntheticCases()->session().lesions().size(), std::size_t(1));
        window.syntheticCases()->session().start(nullptr);
    }

    void workInProgressSurvivesTheWindow()
    {
        core::ImagePtr base;
        QPointF site;
        {
            app::MainWindow window;
            widgets::MammoView* view = openNormalImage(window);
            QVERIFY(view);
            QVERIFY(window.syntheticCases()->ensureLibrary());
            base = view->image();
            site = breastPoint(*base) + QPointF(-20, 30);
            dropLesion(view, "mdb028-1", site);
            QCOMPARE(window.syntheticCases()->session().lesions().size(), std::size_t(1));
            // The window goes away without saving (as in a crash, the autosave is all that is left).
            QTRY_VERIFY_WITH_TIMEOUT(!QDir(m_autosave.path()).entryList({"*.json"}, QDir::Files).isEmpty(), 5000);
        }
        app::MainWindow window;
        QVERIFY(openNormalImage(window));
        QTRY_COMPARE_WITH_TIMEOUT(window.syntheticCases()->session().lesions().size(), std::size_t(1), 30000);
        QCOMPARE(window.syntheticCases()->session().lesions().front().lesionId, std::string("mdb028-1"));
        QCOMPARE(window.syntheticCases()->session().lesions().front().centre, site);
    }

    // A lesion dropped on another image puts the first case away (autosaved) and
    // starts that image's own; going back brings the first case back. The
    // assistant's marks of an image never show on its synthetic preview.
    void eachImageKeepsItsOwnCaseAndNoMarksOnThePreview()
    {
        app::MainWindow window;
        widgets::MammoView* left = openNormalImage(window);
        QVERIFY(left);
        widgets::MammoView* right = nullptr;
        for (widgets::MammoView* view : window.hangingView()->views())
            if (view->image() && view->image()->attributes().laterality == core::Laterality::Right)
                right = view;
        QVERIFY(right);
        auto* cases = window.syntheticCases();
        QVERIFY(cases->ensureLibrary());
        const QString leftUid = left->sopInstanceUid();
        const QPointF leftSite = breastPoint(*left->image());
        dropLesion(left, "mdb028-1", leftSite);
        QTRY_VERIFY_WITH_TIMEOUT(cases->composite() != nullptr, 30000);

        core::Finding mark;
        mark.sopInstanceUid = leftUid.toStdString();
        mark.box = {leftSite.x(), leftSite.y(), 40.0, 40.0};
        mark.score = 0.9;
        window.hangingView()->setFindings({mark});
        QVERIFY(window.hangingView()->showsSyntheticPreview(leftUid));
        QVERIFY(left->visibleFindings().empty());

        dropLesion(right, "mdb028-1", breastPoint(*right->image()));
        QCOMPARE(cases->session().baseSopInstanceUid(), right->sopInstanceUid());
        QCOMPARE(cases->session().lesions().size(), std::size_t(1));
        QVERIFY(!window.hangingView()->showsSyntheticPreview(leftUid));
        QCOMPARE(left->visibleFindings().size(), std::size_t(1));   // the acquired image again, with its mark

        dropLesion(left, "mdb028-1", leftSite + QPointF(30, 30));
        QCOMPARE(cases->session().baseSopInstanceUid(), leftUid);
        QCOMPARE(cases->session().lesions().size(), std::size_t(2));   // the first case came back
        QCOMPARE(cases->session().lesions().front().centre, leftSite);

        // Removing the first lesion and undoing puts it back first: the blending order is the case's.
        const int firstId = cases->session().lesions().front().id;
        cases->session().removeLesion(firstId);
        cases->session().undoStack()->undo();
        QCOMPARE(cases->session().lesions().front().id, firstId);
    }

private:
    QTemporaryDir m_autosave;
};

QTEST_MAIN(TestSyntheticCasePanel)
#include "test_synthetic_case_panel.moc"
