// The mini-MIAS-shaped folder of synthetic training cases: appends from
// separate writers (as from two processes, one after the other) keep every
// case, numbers stay unique and on the right side, the trainer's catalogue
// reads the ground truth, cases.json is what Qt's writer would write, and a
// failed or conflicting write leaves no stray case behind.
#include "ai/synthesis/SyntheticCaseFolder.h"
#include "core/Error.h"
#include "core/MiasCatalog.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <set>

using namespace mammo::ai::synthesis;
namespace core = mammo::core;

namespace {

SyntheticFolderCase discCase(core::Laterality side, cv::Point centre, int radius, const std::string& method = "paste")
{
    SyntheticFolderCase c;
    c.image = cv::Mat(core::kMiasImageSize, core::kMiasImageSize, CV_8U, cv::Scalar(40));
    cv::circle(c.image, centre, radius, 200, cv::FILLED);
    c.laterality = side;
    c.tissue = core::MiasTissue::DenseGlandular;
    c.method = method;
    c.normalImage = "mdb003";
    SyntheticFolderLesion lesion;
    lesion.lesionClass = "CIRC";
    lesion.severity = LesionSeverity::Malignant;
    lesion.centre = centre;
    lesion.radiusPx = radius;
    lesion.id = "mdb010-1";
    lesion.scale = 1.25;
    lesion.rotationDeg = -30.5;
    c.lesions = {lesion};
    return c;
}

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(file.readAll()).object();
}

QStringList filesIn(const QString& directory)
{
    return QDir(directory).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

} // namespace

class TestSyntheticCaseFolder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void appendsFromTwoWritersInTurn()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("cases").toStdString();
        std::string first, second, third;
        {
            SyntheticFolderHeader header;
            header.method = "paste";
            header.fold = 2;
            header.seed = "5";
            SyntheticCaseFolder folder(path, header);
            first = folder.add(discCase(core::Laterality::Left, {300, 400}, 25));
            second = folder.add(discCase(core::Laterality::Right, {700, 500}, 40));
            folder.commit();
        }
        {
            SyntheticCaseFolder folder(path);   // a second writer, later: reads what the first left
            third = folder.add(discCase(core::Laterality::Left, {512, 100}, 30, "ban"));
            folder.commit();
        }
        QCOMPARE(first, std::string("mdb1002"));   // pair 0, left: even
        QCOMPARE(second, std::string("mdb1003"));  // pair 1, right: odd
        QCOMPARE(third, std::string("mdb1006"));   // pair 2, left

        const auto catalog = core::MiasCatalog::fromDirectory(path);
        QCOMPARE(catalog.size(), std::size_t(3));
        std::set<int> patients;
        for (const core::MiasImage& image : catalog.images()) {
            patients.insert(image.patientNumber);
            QVERIFY(QFile::exists(QString::fromStdString(path + "/" + image.fileName())));
        }
        QCOMPARE(patients.size(), std::size_t(3));   // never two cases as one woman's pair
        QCOMPARE(catalog.at("mdb1003").laterality, core::Laterality::Right);
        QCOMPARE(catalog.at("mdb1006").laterality, core::Laterality::Left);
        // The ground-truth circle is the disc drawn into the image (Info.txt's y is flipped back).
        const core::MiasCircle circle = *catalog.at("mdb1003").abnormalities.front().circle;
        QCOMPARE(circle.x, 700);
        QCOMPARE(circle.y, 500);
        QCOMPARE(circle.radius, 40);
        QCOMPARE(catalog.at("mdb1003").severity, core::MiasSeverity::Malignant);
        QCOMPARE(catalog.at("mdb1003").tissue, core::MiasTissue::DenseGlandular);
        const cv::Mat png = cv::imread(path + "/mdb1003.png", cv::IMREAD_GRAYSCALE);
        QCOMPARE(int(png.at<uchar>(500, 700)), 200);
        QCOMPARE(int(png.at<uchar>(500, 700 + 45)), 40);

        // cases.json: the first writer's header, both methods noted, byte for byte as Qt writes it.
        const QString jsonPath = dir.filePath("cases/cases.json");
        const QJsonObject manifest = readJson(jsonPath);
        QVERIFY(manifest["synthetic"].toBool());
        QCOMPARE(manifest["fold"].toInt(), 2);
        QCOMPARE(manifest["seed"].toString(), QString("5"));
        QCOMPARE(manifest["method"].toString(), QString("mixed"));
        const QJsonArray cases = manifest["cases"].toArray();
        QCOMPARE(cases.size(), 3);
        const QJsonObject entry = cases[1].toObject();
        QCOMPARE(entry["reference"].toString(), QString("mdb1003"));
        QVERIFY(entry["synthetic"].toBool());
        QCOMPARE(entry["method"].toString(), QString("paste"));
        QCOMPARE(entry["normal_image"].toString(), QString("mdb003"));
        QCOMPARE(entry["lesion"].toString(), QString("mdb010-1"));
        QCOMPARE(entry["centre"].toArray()[0].toDouble(), 700.0);
        QCOMPARE(entry["radius"].toDouble(), 40.0);
        QCOMPARE(entry["scale"].toDouble(), 1.25);
        QCOMPARE(entry["rotation_deg"].toDouble(), -30.5);
        QFile file(jsonPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QCOMPARE(bytes, QJsonDocument::fromJson(bytes).toJson());
        QVERIFY(!QFile::exists(dir.filePath("cases/Info.txt.part")));
        QFile info(dir.filePath("cases/Info.txt"));
        QVERIFY(info.open(QIODevice::ReadOnly));
        QVERIFY(info.readLine().startsWith("SYNTHETIC cases"));
    }

    void severalLesionsInOneCase()
    {
        QTemporaryDir dir;
        SyntheticFolderCase c = discCase(core::Laterality::Right, {300, 300}, 20);
        SyntheticFolderLesion other = c.lesions.front();
        other.centre = {600, 700};
        other.severity = LesionSeverity::Unknown;   // no severity column
        other.lesionClass = "SPIC";
        c.lesions.push_back(other);
        SyntheticCaseFolder folder(dir.path().toStdString());
        QCOMPARE(folder.add(c), std::string("mdb1001"));
        folder.commit();
        const auto catalog = core::MiasCatalog::fromDirectory(dir.path().toStdString());
        QCOMPARE(catalog.at("mdb1001").abnormalities.size(), std::size_t(2));
        QCOMPARE(catalog.at("mdb1001").abnormalities[1].abnormalityClass, core::MiasClass::SpiculatedMass);
        QCOMPARE(readJson(dir.filePath("cases.json"))["cases"].toArray()[0].toObject()["lesions"].toArray().size(), 2);
    }

    void uncommittedAndConflictingCasesLeaveNothing()
    {
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString();
        {
            SyntheticCaseFolder folder(path);
            folder.add(discCase(core::Laterality::Right, {300, 300}, 20));
            QCOMPARE(filesIn(dir.path()), QStringList{"mdb1001.png"});
        }   // never committed
        QVERIFY(filesIn(dir.path()).isEmpty());

        SyntheticCaseFolder late(path);
        {
            SyntheticCaseFolder early(path);
            early.add(discCase(core::Laterality::Right, {300, 300}, 20));
            early.commit();
        }
        // The late writer does not overwrite the early one's image, and refuses to drop its rows.
        QCOMPARE(late.add(discCase(core::Laterality::Right, {400, 300}, 20)), std::string("mdb1003"));
        QVERIFY_THROWS_EXCEPTION(core::Error, late.commit());
        QCOMPARE(core::MiasCatalog::fromDirectory(path).size(), std::size_t(1));
    }

    void badCasesAndFolders()
    {
        QTemporaryDir dir;
        SyntheticCaseFolder folder(dir.path().toStdString());
        SyntheticFolderCase c = discCase(core::Laterality::Right, {300, 300}, 20);
        c.image = cv::Mat(512, 512, CV_8U, cv::Scalar(0));
        QVERIFY_THROWS_EXCEPTION(core::Error, folder.add(c));
        c = discCase(core::Laterality::Unknown, {300, 300}, 20);
        QVERIFY_THROWS_EXCEPTION(core::Error, folder.add(c));
        c = discCase(core::Laterality::Right, {300, 1030}, 20);
        QVERIFY_THROWS_EXCEPTION(core::Error, folder.add(c));
        c = discCase(core::Laterality::Right, {300, 300}, 20);
        c.lesions.clear();
        QVERIFY_THROWS_EXCEPTION(core::Error, folder.add(c));
        QVERIFY(filesIn(dir.path()).isEmpty());

        // A folder below a file cannot be made.
        QFile blocker(dir.filePath("file"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        QVERIFY_THROWS_EXCEPTION(core::Error, SyntheticCaseFolder(dir.filePath("file/cases").toStdString()));
        QCOMPARE(filesIn(dir.path()), QStringList{"file"});
    }
};

QTEST_APPLESS_MAIN(TestSyntheticCaseFolder)
#include "test_synthetic_case_folder.moc"
