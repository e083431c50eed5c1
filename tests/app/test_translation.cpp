// The German translation is complete and reaches the main window.
#include <app/MainWindow.h>

#include <widgets/SurfaceFormat.h>

#include <QApplication>
#include <QFile>
#include <QMenuBar>
#include <QTranslator>
#include <QtTest>

namespace {

QStringList menuTitles(const QMainWindow& window)
{
    QStringList titles;
    for (QAction* action : window.menuBar()->actions())
        titles << action->text();
    return titles;
}

} // namespace

class TestTranslation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tsFileHasNoUnfinishedMessages()
    {
        QFile ts(QStringLiteral(MAMMO_SOURCE_DIR "/translations/mammoscope_de.ts"));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        const QByteArray text = ts.readAll();
        QVERIFY(text.count("<message") > 50);
        QCOMPARE(text.count("type=\"unfinished\""), qsizetype(0));
        QCOMPARE(text.count("<translation></translation>"), qsizetype(0));
    }

    void englishByDefault()
    {
        mammo::app::MainWindow window;
        QCOMPARE(menuTitles(window), (QStringList{"&File", "&View", "&Help"}));
    }

    void germanWithTheTranslator()
    {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/mammoscope_de.qm")));
        QCoreApplication::installTranslator(&translator);
        {
            mammo::app::MainWindow window;
            QCOMPARE(menuTitles(window), (QStringList{"&Datei", "&Ansicht", "&Hilfe"}));
        }
        QCoreApplication::removeTranslator(&translator);
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
