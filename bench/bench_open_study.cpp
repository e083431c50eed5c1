// Opens a four-image FFDM study (3328x4096, 16-bit, JPEG lossless) in the real
// main window and prints: time to first paint of all four views next to the
// time DCMTK's dcmj2pnm takes to decode the same four files, the frame time of
// window/level and pan changes, and resident memory.
//   xvfb-run -a bench_open_study [--no-assistant] [STUDY_DIR]   (default: generates one with mammoscope-cli)
// --no-assistant: the viewer alone, the AI worker not asked to analyse.
#include <app/MainWindow.h>

#include <widgets/HangingView.h>
#include <widgets/MammoView.h>
#include <widgets/SurfaceFormat.h>

#include <core/DisplayChain.h>

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QOpenGLContext>
#include <QOpenGLWindow>
#include <QOpenGLFunctions>
#include <QMouseEvent>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <numeric>
#include <vector>

namespace {

long residentKiB(const char* field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(int(qstrlen(field))).trimmed().split(' ').value(0).toLong();
    return -1;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[std::min(v.size() - 1, std::size_t(p * double(v.size())))];
}

bool run(const QString& program, const QStringList& args, double* seconds = nullptr)
{
    QElapsedTimer timer;
    timer.start();
    QProcess process;
    process.start(program, args);
    if (!process.waitForFinished(600000) || process.exitCode() != 0) {
        std::fprintf(stderr, "bench: %s failed: %s\n", qPrintable(program), process.readAllStandardError().constData());
        return false;
    }
    if (seconds)
        *seconds = double(timer.nsecsElapsed()) / 1e9;
    return true;
}

// Time from a change to the next frame the view has finished and swapped
// (display chain, VTK render, overlays and the swap), GPU work included.
double frameMs(mammo::widgets::MammoView* view, const std::function<void()>& change)
{
    bool swapped = false;
    const auto connection = QObject::connect(view, &mammo::widgets::MammoView::frameSwapped, view, [&swapped] { swapped = true; });
    QElapsedTimer timer;
    timer.start();
    change();
    view->requestFrame();
    while (!swapped && timer.elapsed() < 5000)
        QApplication::processEvents(QEventLoop::AllEvents, 1);
    view->surface()->makeCurrent();
    view->surface()->context()->functions()->glFinish();
    view->surface()->doneCurrent();
    QObject::disconnect(connection);
    return double(timer.nsecsElapsed()) / 1e6;
}

// Times every event the GUI thread handles while recording is on, so that a
// stall can be named (receiver class and event type), not only measured.
class TimedApplication : public QApplication {
public:
    using QApplication::QApplication;

    struct Slow {
        double ms;
        QString what;
    };
    bool recording = false;
    std::vector<Slow> slowest;   // the twelve longest, longest first

    bool notify(QObject* receiver, QEvent* event) override
    {
        if (!recording || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        QElapsedTimer timer;
        timer.start();
        const int type = int(event->type());
        QString name = QString::fromLatin1(receiver->metaObject()->className());
        if (!receiver->objectName().isEmpty())
            name += QLatin1Char('/') + receiver->objectName();
        ++m_depth;
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        if (slowest.size() < 12 || ms > slowest.back().ms) {
            slowest.push_back({ms, QStringLiteral("%1 event %2 (depth %3)").arg(name).arg(type).arg(m_depth)});
            std::sort(slowest.begin(), slowest.end(), [](const Slow& a, const Slow& b) { return a.ms > b.ms; });
            if (slowest.size() > 12)
                slowest.pop_back();
        }
        return result;
    }

private:
    int m_depth = 0;
};

} // namespace

int main(int argc, char* argv[])
{
    mammo::widgets::installDefaultSurfaceFormat();
    TimedApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("MammoscopeBench"));

    QStringList arguments = app.arguments().mid(1);
    const bool assistant = !arguments.removeAll(QStringLiteral("--no-assistant"));
    // The bench's own settings (organisation MammoscopeBench), not the reader's.
    QSettings().setValue(QStringLiteral("ai/analyseOnOpen"), assistant);
    // The app's own delay before the idle assistant releases its models.
    QSettings().remove(QStringLiteral("ai/modelReleaseSeconds"));

    QTemporaryDir temp;
    const bool generate = arguments.isEmpty();
    QString study = generate ? temp.filePath(QStringLiteral("ffdm")) : arguments.first();
    if (generate) {
        std::printf("generating a 4-image FFDM phantom study (3328x4096, 12-bit, JPEG lossless)...\n");
        if (!run(QStringLiteral(MAMMOSCOPE_CLI), {QStringLiteral("make-ffdm-study"), QStringLiteral("--count"), QStringLiteral("4"),
                                                  QStringLiteral("--syntax"), QStringLiteral("jpeg-lossless"), study}))
            return 1;
    }
    QStringList files;
    for (const QFileInfo& info : QDir(study).entryInfoList({QStringLiteral("*.dcm")}, QDir::Files, QDir::Name))
        files << info.absoluteFilePath();
    if (files.size() != 4) {
        std::fprintf(stderr, "bench: expected 4 .dcm files in %s, found %lld\n", qPrintable(study), qlonglong(files.size()));
        return 1;
    }

    // DCMTK's reference: decode the same four files, one after the other.
    double dcmtkSeconds = 0.0;
    for (const QString& file : files) {
        double s = 0.0;
        if (!run(QStringLiteral("dcmj2pnm"), {QStringLiteral("+Wi"), QStringLiteral("1"), file, temp.filePath(QStringLiteral("out.pgm"))}, &s))
            return 1;
        dcmtkSeconds += s;
    }

    mammo::app::MainWindow window;
    window.resize(1600, 1000);
    window.show();
    QApplication::processEvents();

    // The assistant analyses each image as it loads (unless --no-assistant).
    bool analysisIdle = !assistant;
    QObject::connect(&window, &mammo::app::MainWindow::analysisIdle, &window, [&analysisIdle] { analysisIdle = true; });
    bool modelsReleased = false;
    QObject::connect(&window, &mammo::app::MainWindow::assistantModelsReleased, &window,
                     [&modelsReleased] { modelsReleased = true; });

    QElapsedTimer open;
    open.start();
    window.openPaths({study});
    // First paint: every view of the page has swapped a frame showing its image.
    // The connections exist before the study is opened, so no frame is missed.
    const auto views = window.hangingView()->views();
    std::vector<bool> painted(views.size(), false);
    for (std::size_t i = 0; i < views.size(); ++i)
        QObject::connect(views[i], &mammo::widgets::MammoView::frameSwapped, views[i], [&painted, &views, i] {
            if (views[i]->image())
                painted[i] = true;
        });
    const auto allPainted = [&] { return std::all_of(painted.begin(), painted.end(), [](bool p) { return p; }); };
    while (!allPainted() && open.elapsed() < 120000)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    const bool done = allPainted();
    const double firstPaint = double(open.nsecsElapsed()) / 1e9;
    if (!done) {
        std::fprintf(stderr, "bench: the study did not paint within 120 s\n");
        return 1;
    }

    const long rssOpen = residentKiB("VmRSS:");
    auto* view = window.hangingView()->views().front();

    // While the AI worker runs: window/level frames on the GUI thread, and the
    // longest the GUI thread's event loop went without turning (a 5 ms timer).
    std::vector<double> busyFrames;
    double longestGapMs = 0.0;
    double analysisSeconds = 0.0;
    {
        QElapsedTimer gap, analysis;
        gap.start();
        analysis.start();
        QTimer ticker;
        QObject::connect(&ticker, &QTimer::timeout, [&] {
            longestGapMs = std::max(longestGapMs, double(gap.nsecsElapsed()) / 1e6);
            gap.restart();
        });
        ticker.start(5);
        app.recording = true;
        const double c = view->windowCenter(), w = view->windowWidth();
        for (int i = 0; !analysisIdle && analysis.elapsed() < 300000; ++i) {
            busyFrames.push_back(frameMs(view, [&] { view->setWindow(c + (i % 10) * 20.0, w + (i % 7) * 30.0); }));
            gap.restart();   // frameMs's own wait is not a stall
            QApplication::processEvents(QEventLoop::AllEvents, 20);
        }
        analysisSeconds = double(analysis.nsecsElapsed()) / 1e9;
        app.recording = false;
    }
    const long rssAnalysed = residentKiB("VmRSS:");
    const int rows = view->image()->rows(), columns = view->image()->columns();

    // The display chain alone (LUT build + apply to the full frame), without rendering.
    std::vector<double> chainMs;
    {
        const mammo::core::Image& image = *view->image();
        std::vector<std::uint8_t> out(image.pixelsPerFrame());
        for (int i = 0; i < 20; ++i) {
            QElapsedTimer t;
            t.start();
            const auto lut = mammo::core::composeDisplayLut(
                image.attributes(), mammo::core::VoiWindow{2000.0 + i, 3000.0, mammo::core::VoiFunction::Linear, {}});
            mammo::core::applyDisplayLut(image.frame(0), out.size(), lut, out.data());
            chainMs.push_back(double(t.nsecsElapsed()) / 1e6);
        }
    }

    // Window/level the way a reader does it, by a right drag: the frames during the
    // drag (sampled block means when the view is minified), then the exact frame
    // that the release renders; and the exact frame of a programmatic change.
    std::vector<double> dragFrames, releaseFrames, windowFrames, panFrames;
    auto mouse = [view](QEvent::Type type, QPointF at, Qt::MouseButton button, Qt::MouseButtons held) {
        QMouseEvent event(type, at, view->mapToGlobal(at), button, held, Qt::NoModifier);
        QApplication::sendEvent(view, &event);
    };
    // Three rounds of the same reading gestures (fitted W/L drags, then 1:1 pans):
    // the resident memory after each round shows whether interaction makes it grow.
    std::vector<long> rssAfterRound;
    for (int round = 0; round < 3; ++round) {
        view->setZoomMode(mammo::widgets::MammoView::ZoomMode::Fit);
        frameMs(view, [] {});
        for (int drag = 0; drag < 4; ++drag) {
            const QPointF from(400, 300);
            QPointF at = from;
            mouse(QEvent::MouseButtonPress, from, Qt::RightButton, Qt::RightButton);
            for (int i = 0; i < 15; ++i) {
                at = from + QPointF((i % 7) * 6.0 - 18.0, (i % 10) * 4.0 - 20.0);
                dragFrames.push_back(frameMs(view, [&] { mouse(QEvent::MouseMove, at, Qt::NoButton, Qt::RightButton); }));
            }
            releaseFrames.push_back(frameMs(view, [&] { mouse(QEvent::MouseButtonRelease, at, Qt::RightButton, Qt::NoButton); }));
        }
        const double c0 = view->windowCenter(), w0 = view->windowWidth();
        for (int i = 0; i < 30; ++i) {
            windowFrames.push_back(frameMs(view, [&] { view->setWindow(c0 + (i % 10) * 20.0, w0 + (i % 7) * 30.0); }));
        }
        // Pan the way a left drag does, at 1:1 pixels so every frame shows new image area.
        view->setZoomMode(mammo::widgets::MammoView::ZoomMode::Pixel);
        frameMs(view, [] {});
        for (int i = 0; i < 60; ++i) {
            panFrames.push_back(frameMs(view, [&] {
                const QPointF from(400, 300), to(400 + (i % 2 ? -40 : 40), 300 + (i % 3) * 25);
                QMouseEvent press(QEvent::MouseButtonPress, from, view->mapToGlobal(from), Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
                QMouseEvent move(QEvent::MouseMove, to, view->mapToGlobal(to), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
                QMouseEvent release(QEvent::MouseButtonRelease, to, view->mapToGlobal(to), Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
                QApplication::sendEvent(view, &press);
                QApplication::sendEvent(view, &move);
                QApplication::sendEvent(view, &release);
            }));
        }
        rssAfterRound.push_back(residentKiB("VmRSS:"));
    }

    // The footprint while the reader reads: the idle assistant has released its models.
    long rssReleased = 0;
    if (assistant) {
        QEventLoop wait;
        QObject::connect(&window, &mammo::app::MainWindow::assistantModelsReleased, &wait, &QEventLoop::quit);
        QTimer::singleShot(60000, &wait, &QEventLoop::quit);
        if (!modelsReleased)
            wait.exec();
        if (modelsReleased)
            rssReleased = residentKiB("VmRSS:");
    }

    std::printf("\nMammoscope open-study benchmark (%d x %d, 4 images, %s, assistant %s)\n", columns, rows, qPrintable(study),
                assistant ? "on" : "off");
    std::printf("  dcmj2pnm decode of the 4 files (sequential): %8.3f s\n", dcmtkSeconds);
    std::printf("  Mammoscope open -> first paint of 4 views:   %8.3f s   ratio %.2f (target <= 1.20)\n", firstPaint,
                firstPaint / dcmtkSeconds);
    std::printf("  display chain only (LUT + apply, full frame): median %6.2f ms\n", median(chainMs));
    std::printf("  window/level drag frame: median %6.2f ms, p95 %6.2f ms, max %6.2f ms (target <= 16 ms)\n",
                median(dragFrames), percentile(dragFrames, 0.95), *std::max_element(dragFrames.begin(), dragFrames.end()));
    std::printf("  exact frame at the drag's release: median %6.2f ms; programmatic W/L change: median %6.2f ms, p95 %6.2f ms\n",
                median(releaseFrames), median(windowFrames), percentile(windowFrames, 0.95));
    std::printf("  pan frame:          median %6.2f ms, p95 %6.2f ms, max %6.2f ms (target <= 16 ms)\n", median(panFrames),
                percentile(panFrames, 0.95), *std::max_element(panFrames.begin(), panFrames.end()));
    if (!busyFrames.empty())
        std::printf("  while the AI analyses (%.1f s after first paint): W/L frame median %6.2f ms, max %6.2f ms over %zu frames;\n"
                    "    longest GUI event-loop gap %6.2f ms (target: no frame over 50 ms)\n",
                    analysisSeconds, median(busyFrames), *std::max_element(busyFrames.begin(), busyFrames.end()),
                    busyFrames.size(), longestGapMs);
    for (const auto& slow : app.slowest)
        std::printf("    slow GUI event: %6.2f ms  %s\n", slow.ms, qPrintable(slow.what));
    if (busyFrames.empty())
        std::printf("  the AI analysis had finished before the first paint (or is off): no frames measured during it\n");
    const auto mb = [](long kib) { return double(kib) * 1024.0 / 1e6; };
    std::printf("  resident memory with the study open (target < 500 MB): %.0f MB at first paint, %.0f MB once analysed, "
                "peak %.0f MB\n",
                mb(rssOpen), mb(rssAnalysed), mb(residentKiB("VmHWM:")));
    std::printf("    after each of 3 rounds of W/L drags and pans:");
    for (long kib : rssAfterRound)
        std::printf(" %.0f MB", mb(kib));
    std::printf("\n");
    if (assistant)
        std::printf("    after the idle assistant released its models: %s\n",
                    modelsReleased ? qPrintable(QStringLiteral("%1 MB").arg(mb(rssReleased), 0, 'f', 0))
                                   : "not released within 60 s");
    return 0;
}
