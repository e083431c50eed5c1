// The German translation: the .ts in the source tree is complete, lrelease's
// .qm is embedded (via mammo_app) under :/i18n, and it reaches the main window.
#include <app/FindingsPanel.h>
#include <app/MainWindow.h>

#include <widgets/SurfaceFormat.h>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

const QString kTsFile = QStringLiteral(MAMMO_SOURCE_DIR "/translations/mammoscope_de.ts");
const QString kQmResource = QStringLiteral(":/i18n/mammoscope_de.qm");

QStringList menuTitles(const QMainWindow& window)
{
    QStringList titles;
    for (QAction* action : window.menuBar()->actions())
        titles << action->text();
    return titles;
}

QStringList menuItems(const QMainWindow& window, int index)
{
    QStringList items;
    const QList<QAction*> menus = window.menuBar()->actions();
    if (index < menus.size() && menus[index]->menu())
        for (QAction* action : menus[index]->menu()->actions())
            if (!action->isSeparator())
                items << action->text();
    return items;
}

QStringList dockTitles(const QMainWindow& window)
{
    QStringList titles;
    for (const QDockWidget* dock : window.findChildren<QDockWidget*>())
        titles << dock->windowTitle();
    titles.sort();
    return titles;
}

// The mnemonic letter of a menu text ("&Datei" -> 'd'), or a null QChar.
QChar accelerator(const QString& text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != QLatin1Char('&'))
            continue;
        if (text[i + 1] != QLatin1Char('&'))
            return text[i + 1].toLower();
        ++i;   // "&&" is a literal ampersand
    }
    return {};
}

struct TsCounts {
    int messages = 0;
    int numerus = 0;
    int unfinished = 0;   // type="unfinished" (also what Linguist writes for untranslated entries)
    int obsolete = 0;     // type="obsolete"/"vanished": -no-obsolete should have dropped them
    int empty = 0;        // empty <translation> or <numerusform>
    int badNumerus = 0;   // German needs exactly two forms: singular, plural
    QString error;
};

TsCounts countTs(const QString& path)
{
    TsCounts c;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        c.error = file.errorString();
        return c;
    }
    QXmlStreamReader xml(&file);
    bool numerusMessage = false;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("message")) {
            ++c.messages;
            numerusMessage = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            c.numerus += numerusMessage;
        } else if (xml.name() == QLatin1String("translation")) {
            const QStringView type = xml.attributes().value(QLatin1String("type"));
            c.unfinished += type == QLatin1String("unfinished");
            c.obsolete += type == QLatin1String("obsolete") || type == QLatin1String("vanished");
            if (numerusMessage) {
                int forms = 0;
                while (xml.readNextStartElement()) {
                    if (xml.name() == QLatin1String("numerusform")) {
                        ++forms;
                        c.empty += xml.readElementText().trimmed().isEmpty();
                    } else {
                        xml.skipCurrentElement();
                    }
                }
                c.badNumerus += forms != 2;
            } else {
                c.empty += xml.readElementText(QXmlStreamReader::IncludeChildElements).isEmpty();
            }
        }
    }
    if (xml.hasError())
        c.error = xml.errorString();
    return c;
}

} // namespace

class TestTranslation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tsFileIsComplete()
    {
        const TsCounts c = countTs(kTsFile);
        QVERIFY2(c.error.isEmpty(), qPrintable(kTsFile + QStringLiteral(": ") + c.error));
        QVERIFY2(c.messages >= 60, qPrintable(QString::number(c.messages)));
        QCOMPARE(c.numerus, 16);   // every %n message, each with its two German forms (badNumerus)
        QCOMPARE(c.unfinished, 0);
        QCOMPARE(c.obsolete, 0);
        QCOMPARE(c.empty, 0);
        QCOMPARE(c.badNumerus, 0);
    }

    // lupdate only sees the files listed in translations/CMakeLists.txt.
    void everyFileWithTrIsScanned()
    {
        QFile cmake(QStringLiteral(MAMMO_SOURCE_DIR "/translations/CMakeLists.txt"));
        QVERIFY(cmake.open(QIODevice::ReadOnly));
        const QString listed = QString::fromUtf8(cmake.readAll());
        const QRegularExpression trCall(QStringLiteral(R"(\btr\s*\()"));
        int withTr = 0;
        for (const QString& dir : {QStringLiteral("app"), QStringLiteral("widgets")}) {
            const QDir sources(QStringLiteral(MAMMO_SOURCE_DIR "/") + dir);
            for (const QString& name : sources.entryList({QStringLiteral("*.cpp")}, QDir::Files)) {
                QFile file(sources.filePath(name));
                QVERIFY(file.open(QIODevice::ReadOnly));
                if (!QString::fromUtf8(file.readAll()).contains(trCall))
                    continue;
                ++withTr;
                const QString entry = dir + QLatin1Char('/') + name;
                QVERIFY2(listed.contains(entry), qPrintable(entry + QStringLiteral(" calls tr() but is not in SOURCES")));
            }
        }
        QVERIFY(withTr >= 5);
    }

    void qmIsEmbedded()
    {
        QVERIFY(QFile::exists(kQmResource));
        // The lookup main.cpp does for --lang de.
        QTranslator translator;
        QVERIFY(translator.load(QLocale(QStringLiteral("de")), QStringLiteral("mammoscope"), QStringLiteral("_"),
                                QStringLiteral(":/i18n")));
        QCOMPARE(translator.language(), QStringLiteral("de"));
        QCOMPARE(translator.filePath(), kQmResource);
    }

    void englishByDefault()
    {
        mammo::app::MainWindow window;
        QCOMPARE(menuTitles(window), (QStringList{"&File", "&View", "&Assistant", "&Help"}));
        QCOMPARE(menuItems(window, 0), (QStringList{"&Open File…", "Open &Folder…", "Query &PACS…", "&Quit"}));
        QCOMPARE(menuItems(window, 2), (QStringList{"Analyse studies when opened", "Analyse now", "Cancel analysis",
                                                    "Classify region", "Clear drawn regions",
                                                    "Save results as DICOM (CAD SR + SEG)…", "Send results to PACS"}));
        QCOMPARE(dockTitles(window), (QStringList{"Findings", "Problems", "Studies", "Synthetic cases"}));
    }

    void germanWithTheTranslator()
    {
        QTranslator translator;
        QVERIFY(translator.load(kQmResource));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        {
            mammo::app::MainWindow window;
            const QStringList titles = menuTitles(window);
            QCOMPARE(titles, (QStringList{"&Datei", "&Ansicht", "A&ssistent", "&Hilfe"}));
            QCOMPARE(menuItems(window, 0), (QStringList{"&Datei öffnen…", "&Ordner öffnen…", "&PACS abfragen…", "&Beenden"}));
            QVERIFY(menuItems(window, 1).contains(QStringLiteral("Lupe")));
            QVERIFY(menuItems(window, 1).contains(QStringLiteral("Abstandsmessung")));
            QVERIFY(menuItems(window, 1).contains(QStringLiteral("Fensterung zurücksetzen")));
            QCOMPARE(menuItems(window, 2),
                     (QStringList{"Studien beim Öffnen analysieren", "Jetzt analysieren", "Analyse abbrechen",
                                  "Region klassifizieren", "Gezeichnete Regionen löschen",
                                  "Ergebnisse als DICOM speichern (CAD-SR + SEG)…", "Ergebnisse an das PACS senden"}));
            QCOMPARE(menuItems(window, 3), (QStringList{"Tastenkürzel", "Ü&ber Mammoscope"}));
            QCOMPARE(dockTitles(window), (QStringList{"Befundvorschläge", "Probleme", "Studien", "Synthetische Fälle"}));
            // No two entries of the menu bar, or of one menu, share an accelerator.
            for (int menu = -1; menu < titles.size(); ++menu) {
                QSet<QChar> seen;
                for (const QString& text : menu < 0 ? titles : menuItems(window, menu)) {
                    const QChar key = accelerator(text);
                    QVERIFY2(key.isNull() || !seen.contains(key), qPrintable(text));
                    seen.insert(key);
                }
            }
        }
        // Numerus forms and strings of the widgets/ module.
        const char* mainWindow = "mammo::app::MainWindow";
        QCOMPARE(QCoreApplication::translate(mainWindow, "%n image(s) found", nullptr, 1), QStringLiteral("1 Bild gefunden"));
        QCOMPARE(QCoreApplication::translate(mainWindow, "%n image(s) found", nullptr, 4), QStringLiteral("4 Bilder gefunden"));
        QCOMPARE(QCoreApplication::translate("mammo::widgets::MammoView", "No image"), QStringLiteral("Kein Bild"));
        QCOMPARE(QCoreApplication::translate("mammo::widgets::HangingView", "Loading…"), QStringLiteral("Wird geladen…"));
        // The assistant's disclaimer, and the malignancy estimate's label.
        QVERIFY2(mammo::app::FindingsPanel::disclaimer().startsWith(QStringLiteral("Nur Entscheidungsunterstützung, keine Diagnose.")),
                 qPrintable(mammo::app::FindingsPanel::disclaimer()));
        QVERIFY(mammo::app::FindingsPanel::disclaimer().contains(QStringLiteral("P(maligne)")));
        // Measurements use the decimal comma (%L1) once main.cpp made German the default locale.
        const QLocale previous;
        QLocale::setDefault(QLocale(QStringLiteral("de")));
        QCOMPARE(QCoreApplication::translate("mammo::widgets::MammoView", "%1 mm").arg(12.34, 0, 'f', 1),
                 QStringLiteral("12,3 mm"));
        QLocale::setDefault(previous);
        QVERIFY(QCoreApplication::removeTranslator(&translator));

        // And back to English once the translator is gone.
        mammo::app::MainWindow window;
        QCOMPARE(menuTitles(window), (QStringList{"&File", "&View", "&Assistant", "&Help"}));
    }
};

int main(int argc, char** argv)
{
    mammo::widgets::installDefaultSurfaceFormat();
    QApplication app(argc, argv);
    TestTranslation test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_translation.moc"
