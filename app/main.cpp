// Mammoscope: mammography viewer. Also a headless renderer for demos and docs:
//   mammoscope --screenshot OUT.png [--layout 2x2|prior] [--size WxH] PATH...
#include "MainWindow.h"

#include <widgets/HangingView.h>
#include <widgets/SurfaceFormat.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QLibraryInfo>
#include <QLocale>
#include <QPixmap>
#include <QScreen>
#include <QTimer>
#include <QTranslator>

#include <cstdio>
#include <optional>

namespace {

void installTranslators(QApplication& app, const QString& language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    auto* own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("mammoscope"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(own);
    else if (!language.isEmpty() && !language.startsWith(QLatin1String("en")))
        std::fprintf(stderr, "mammoscope: no translation for language '%s'\n", qPrintable(language));
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}

// A hanging asked for on the command line: a plain layout, or current over prior.
struct LayoutChoice {
    std::optional<mammo::core::HangingLayout> layout;
    bool comparePrior = false;

    void applyTo(mammo::app::MainWindow& window) const
    {
        if (comparePrior)
            window.compareWithPrior();
        else if (layout)
            window.hangingView()->setHangingLayout(*layout);
    }
};

std::optional<LayoutChoice> parseLayout(const QString& text)
{
    if (text == QLatin1String("1x1")) return LayoutChoice{mammo::core::HangingLayout::Single};
    if (text == QLatin1String("1x2")) return LayoutChoice{mammo::core::HangingLayout::SideBySide};
    if (text == QLatin1String("2x2")) return LayoutChoice{mammo::core::HangingLayout::Quad};
    if (text == QLatin1String("prior")) return LayoutChoice{std::nullopt, true};
    return std::nullopt;
}

int takeScreenshot(mammo::app::MainWindow& window, const QString& out, const QSize& size,
                   std::optional<LayoutChoice> layout, const QStringList& paths)
{
    window.resize(size);
    window.show();
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&window, &mammo::app::MainWindow::loadingFinished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    if (layout)
        QObject::connect(&window, &mammo::app::MainWindow::studyShown, &loop, [&] { layout->applyTo(window); });
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    window.openPaths(paths);
    loop.exec();
    // With the assistant on, the marks belong in the picture: wait for them.
    if (finished && window.isAnalysing()) {
        QEventLoop analysis;
        QObject::connect(&window, &mammo::app::MainWindow::analysisIdle, &analysis, &QEventLoop::quit);
        QTimer::singleShot(300000, &analysis, &QEventLoop::quit);
        analysis.exec();
        if (window.isAnalysing())
            std::fprintf(stderr, "mammoscope: timed out waiting for the analysis; the screenshot has no marks\n");
    }
    // Let layouts settle and every view paint once before grabbing.
    for (int i = 0; i < 5; ++i) {
        QApplication::processEvents();
        QEventLoop wait;
        QTimer::singleShot(20, &wait, &QEventLoop::quit);
        wait.exec();
    }
    for (const QString& problem : window.problems())
        std::fprintf(stderr, "mammoscope: %s\n", qPrintable(problem));
    if (!finished) {
        std::fprintf(stderr, "mammoscope: timed out waiting for the study to load\n");
        return 3;
    }
    // What the display shows: the X server's picture of the window, the views'
    // native GL windows included (QWidget::grab() cannot see into them).
    QPixmap pixmap = window.screen() ? window.screen()->grabWindow(window.winId()) : QPixmap();
    if (pixmap.isNull() || pixmap.size() != window.size())
        pixmap = window.grab();
    if (pixmap.isNull() || !pixmap.save(out)) {
        std::fprintf(stderr, "mammoscope: cannot write screenshot %s\n", qPrintable(out));
        return 2;
    }
    std::fprintf(stdout, "mammoscope: wrote %s (%dx%d)\n", qPrintable(out), pixmap.width(), pixmap.height());
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    // Two threads run LibTorch (the assistant and the synthetic-case blender) beside
    // the GUI: OpenMP workers that spin between parallel regions starve the others
    // (a BAN blend took 880-1117 ms with spinning, 81-98 ms without, bench_blend under
    // load). Read by OpenMP at its first use, so set before any torch call.
    if (qEnvironmentVariableIsEmpty("OMP_WAIT_POLICY"))
        qputenv("OMP_WAIT_POLICY", "passive");
    mammo::widgets::installDefaultSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Mammoscope"));
    QApplication::setOrganizationName(QStringLiteral("Mammoscope"));
    QApplication::setApplicationVersion(QStringLiteral(MAMMOSCOPE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.mammoscope.Mammoscope"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Mammography viewer with an AI assistant (decision support)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the hanging of PATH into FILE (PNG) and exit."), QStringLiteral("FILE"));
    const QCommandLineOption layout(QStringLiteral("layout"), QStringLiteral("Hanging layout: 1x1, 1x2, 2x2, or prior (current over prior)."),
                                    QStringLiteral("LAYOUT"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size for --screenshot (default 1600x1000)."),
                                  QStringLiteral("WxH"), QStringLiteral("1600x1000"));
    const QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("User interface language, e.g. de or en."),
                                  QStringLiteral("LANG"));
    parser.addOptions({screenshot, layout, size, lang});
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("DICOM files, folders or DICOMDIRs to open."),
                                 QStringLiteral("[PATH...]"));
    parser.process(app);

    installTranslators(app, parser.value(lang));

    std::optional<LayoutChoice> hanging;
    if (parser.isSet(layout)) {
        hanging = parseLayout(parser.value(layout));
        if (!hanging) {
            std::fprintf(stderr, "mammoscope: unknown layout '%s' (use 1x1, 1x2, 2x2 or prior)\n", qPrintable(parser.value(layout)));
            return 1;
        }
    }
    QStringList paths;
    for (const QString& p : parser.positionalArguments())
        paths << QDir::current().absoluteFilePath(p);

    mammo::app::MainWindow window;
    if (parser.isSet(screenshot)) {
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        const QSize windowSize(wh.value(0).toInt(), wh.value(1).toInt());
        if (paths.isEmpty() || windowSize.width() < 200 || windowSize.height() < 200) {
            std::fprintf(stderr, "mammoscope: --screenshot needs PATH and a --size of at least 200x200\n");
            return 1;
        }
        return takeScreenshot(window, parser.value(screenshot), windowSize, hanging, paths);
    }
    window.show();
    if (!paths.isEmpty()) {
        if (hanging)
            QObject::connect(&window, &mammo::app::MainWindow::studyShown, &window,
                             [&] { hanging->applyTo(window); });
        window.openPaths(paths);
    }
    return QApplication::exec();
}
