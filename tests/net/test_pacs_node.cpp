// PacsNode validation: every bad field gives a message naming it.
#include "core/Error.h"
#include "core/net/PacsNode.h"

#include <QTemporaryDir>
#include <QTest>

using mammo::core::Error;
using mammo::core::net::PacsNode;

namespace {

PacsNode goodNode()
{
    PacsNode node;
    node.name = "Main PACS";
    node.calledAeTitle = "PACS";
    node.host = "pacs.example.org";
    node.port = 11112;
    return node;
}

QString messageOf(const PacsNode& node)
{
    try {
        mammo::core::net::validatePacsNode(node);
    } catch (const Error& error) {
        return QString::fromStdString(error.what());
    }
    return {};
}

} // namespace

class TestPacsNode : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void goodNodeIsAccepted()
    {
        QCOMPARE(messageOf(goodNode()), QString());
        PacsNode node = goodNode();
        node.calledAeTitle = "SIXTEEN_CHARS_AE";   // exactly 16
        QCOMPARE(messageOf(node), QString());
    }

    void badFieldsAreNamed_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("called AE too long") << "called" << "SEVENTEEN_CHARS_A" << "longer than 16 characters";
        QTest::newRow("called AE backslash") << "called" << "A\\B" << "backslash";
        QTest::newRow("called AE empty") << "called" << "   " << "called AE title of PACS 'Main PACS' is empty";
        QTest::newRow("calling AE control char") << "calling" << "AB\tC" << "not printable ASCII";
        QTest::newRow("calling AE empty") << "calling" << "" << "calling AE title";
        QTest::newRow("port zero") << "port" << "0" << "between 1 and 65535 (got 0)";
        QTest::newRow("port too high") << "port" << "65536" << "between 1 and 65535 (got 65536)";
        QTest::newRow("host empty") << "host" << "" << "host name";
        QTest::newRow("timeout") << "timeout" << "0" << "timeouts";
    }

    void badFieldsAreNamed()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        PacsNode node = goodNode();
        if (field == "called")
            node.calledAeTitle = value.toStdString();
        else if (field == "calling")
            node.callingAeTitle = value.toStdString();
        else if (field == "port")
            node.port = value.toInt();
        else if (field == "host")
            node.host = value.toStdString();
        else if (field == "timeout")
            node.dimseTimeoutSeconds = value.toInt();
        const QString message = messageOf(node);
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void tlsNeedsItsFiles()
    {
        PacsNode node = goodNode();
        node.tls.enabled = true;
        QVERIFY(messageOf(node).contains("no CA certificate"));
        QTemporaryDir dir;
        node.tls.caCertificateFile = dir.filePath("missing-ca.pem").toStdString();
        QVERIFY(messageOf(node).contains("not found"));
        node.tls.caCertificateFile = QStringLiteral(MAMMO_SOURCE_DIR "/CMakeLists.txt").toStdString();
        QCOMPARE(messageOf(node), QString());
        node.tls.certificateFile = node.tls.caCertificateFile;
        QVERIFY(messageOf(node).contains("both our certificate and its private key"));
    }

    void descriptionNamesNodeNotPatients()
    {
        QCOMPARE(QString::fromStdString(mammo::core::net::describeNode(goodNode())),
                 QString("PACS 'Main PACS' (AE PACS at pacs.example.org:11112, our AE MAMMOSCOPE)"));
    }
};

QTEST_GUILESS_MAIN(TestPacsNode)
#include "test_pacs_node.moc"
