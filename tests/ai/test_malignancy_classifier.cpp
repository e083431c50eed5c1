// COIN as the app uses it, on untrained models: one P(malignant) in [0, 1]
// per box in the boxes' order, the same answer every time and for every grey
// type, boxes reaching past the image edge, the ROI's physical size kept
// across pixel spacings, and missing or damaged model files reported as
// core::Error.
#include "ai/MassDetector.h"
#include "ai/coin/CoinModelFile.h"
#include "ai/coin/MalignancyClassifier.h"
#include "core/Error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <fstream>

using namespace mammo;
using ai::coin::MalignancyClassifier;

namespace {

// Tissue-like texture: blurred noise on a gradient, with a denser disc, 8-bit.
cv::Mat texturedImage(int side)
{
    cv::Mat noise(side, side, CV_32F);
    cv::RNG random(5);
    random.fill(noise, cv::RNG::NORMAL, 0.0, 1.0);
    cv::GaussianBlur(noise, noise, cv::Size(), 3.0);
    cv::normalize(noise, noise, 40, 160, cv::NORM_MINMAX);
    for (int y = 0; y < side; ++y)
        noise.row(y) += 40.0 * y / side;
    cv::circle(noise, {side / 2, side / 2}, side / 20, cv::Scalar(230), cv::FILLED);
    cv::Mat grey;
    noise.convertTo(grey, CV_8U);
    return grey;
}

double correlation(const cv::Mat& a, const cv::Mat& b)
{
    cv::Mat product;
    cv::multiply(a, b, product);
    // normaliseRoi gives zero mean and unit variance, so the mean product is the correlation.
    return cv::mean(product)[0];
}

// A fresh network answers ~0.503 whatever it sees: its batch-norm statistics
// (mean 0, variance 1) shrink the signal ten-fold per block. With statistics
// measured on ROIs like the tests' and a steeper last layer, centred on them,
// different regions get clearly different answers, so a mix-up of boxes would show.
void writeResponsiveModel(const std::string& path)
{
    torch::manual_seed(4);
    ai::coin::CoinModel model{ai::coin::CoinNetwork(ai::coin::coinNetworkPreset("cpu")), "cpu", "untrained", 224};
    const cv::Mat grey = texturedImage(512);
    const int count = 16;
    auto rois = torch::empty({count, 1, 224, 224});
    for (int i = 0; i < count; ++i) {
        const cv::Mat roi = ai::coin::malignancyInput(grey, 0.2, cv::Rect2d(20 + 29 * i, 40 + 23 * i, 30 + 9 * i, 30 + 9 * i));
        rois[i][0].copy_(torch::from_blob(roi.data, {224, 224}, torch::kFloat));
    }
    torch::NoGradGuard noGrad;
    // One training-mode pass with momentum 1 stores that batch's statistics.
    for (const auto& module : model.network->modules())
        if (auto* norm = dynamic_cast<torch::nn::BatchNorm2dImpl*>(module.get()))
            norm->options.momentum(1.0);
    model.network->train();
    model.network->forward(rois);
    model.network->eval();
    auto parameters = model.network->named_parameters();
    parameters["classifier.weight"].mul_(3.0);
    parameters["classifier.bias"].sub_(model.network->forward(rois).logits.mean(0));
    ai::coin::saveCoinModel(model, path);
}

template <typename F>
QString errorOf(F&& f)
{
    try {
        f();
    } catch (const core::Error& error) {
        return QString::fromStdString(error.what());
    }
    return {};
}

} // namespace

class TestMalignancyClassifier : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string m_model;        // writeUntrainedCoinModel's
    std::string m_responsive;   // writeResponsiveModel's

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_model = m_dir.filePath("coin-cpu.pt").toStdString();
        ai::coin::writeUntrainedCoinModel("cpu", m_model, 3);
        m_responsive = m_dir.filePath("responsive.pt").toStdString();
        writeResponsiveModel(m_responsive);
    }

    void untrainedModelLoads()
    {
        MalignancyClassifier classifier(m_model, ai::ComputeDevice::Cpu, 2);
        QCOMPARE(QString::fromStdString(classifier.deviceName()), QString("cpu"));
        QCOMPARE(QString::fromStdString(classifier.configName()), QString("cpu"));
        QCOMPARE(QString::fromStdString(classifier.configuration()), QString("untrained"));
        QCOMPARE(classifier.roiSize(), 224);
        const auto p = classifier.malignancy(texturedImage(300), 0.2, {{100, 100, 30, 30}, {250, 250, 100, 100}});
        QCOMPARE(p.size(), std::size_t(2));
        for (double value : p)
            QVERIFY2(value >= 0.0 && value <= 1.0, qPrintable(QString::number(value)));
    }

    void oneProbabilityPerBoxDeterministic()
    {
        MalignancyClassifier classifier(m_responsive, ai::ComputeDevice::Cpu, 2);
        QCOMPARE(QString::fromStdString(classifier.deviceName()), QString("cpu"));
        QCOMPARE(QString::fromStdString(classifier.configName()), QString("cpu"));
        QCOMPARE(QString::fromStdString(classifier.configuration()), QString("untrained"));
        QCOMPARE(classifier.roiSize(), 224);

        const cv::Mat grey = texturedImage(512);
        const std::vector<cv::Rect2d> boxes{{236, 236, 40, 40},       // the disc
                                            {40, 300, 120, 90},       // tissue
                                            {470, -30, 80, 80},       // past the top-right corner
                                            {100.25, 80.5, 3.5, 2}};  // a few pixels: the minimum side
        const auto p = classifier.malignancy(grey, 0.2, boxes);
        QCOMPARE(p.size(), boxes.size());
        for (double value : p)
            QVERIFY2(value >= 0.0 && value <= 1.0, qPrintable(QString::number(value)));
        // Different regions, clearly different answers (far above rounding).
        const auto [low, high] = std::minmax_element(p.begin(), p.end());
        QVERIFY2(*high - *low > 0.01, qPrintable(QString("%1 .. %2").arg(*low).arg(*high)));

        // Again, one box at a time, and with a second instance: the same figures.
        QCOMPARE(classifier.malignancy(grey, 0.2, boxes), p);
        for (std::size_t i = 0; i < boxes.size(); ++i) {
            const double single = classifier.malignancy(grey, 0.2, {boxes[i]}).front();
            QVERIFY2(qAbs(single - p[i]) < 1e-5, qPrintable(QString("box %1: %2 vs %3").arg(i).arg(single).arg(p[i])));
        }
        MalignancyClassifier again(m_responsive, ai::ComputeDevice::Cpu, 2);
        QCOMPARE(again.malignancy(grey, 0.2, boxes), p);
        QVERIFY(classifier.malignancy(grey, 0.2, {}).empty());
    }

    void greyTypesAgree()
    {
        // 8-bit, 16-bit and [0, 1] float versions of one image are one input after normaliseRoi.
        MalignancyClassifier classifier(m_responsive, ai::ComputeDevice::Cpu, 2);
        const cv::Mat grey = texturedImage(400);
        cv::Mat wide, unit;
        grey.convertTo(wide, CV_16U, 257.0);
        grey.convertTo(unit, CV_32F, 1.0 / 255.0);
        const std::vector<cv::Rect2d> boxes{{180, 180, 40, 40}, {20, 30, 200, 150}};
        const auto p8 = classifier.malignancy(grey, 0.2, boxes);
        const auto p16 = classifier.malignancy(wide, 0.2, boxes);
        const auto p32 = classifier.malignancy(unit, 0.2, boxes);
        for (std::size_t i = 0; i < boxes.size(); ++i) {
            QVERIFY2(qAbs(p16[i] - p32[i]) < 1e-4, qPrintable(QString("%1 %2").arg(p16[i]).arg(p32[i])));
            // An 8-bit patch is rounded to whole grey levels when it is resampled.
            QVERIFY2(qAbs(p8[i] - p32[i]) < 2e-3, qPrintable(QString("%1 %2").arg(p8[i]).arg(p32[i])));
        }
    }

    void roiKeepsItsPhysicalSize()
    {
        // 128 pixels at mini-MIAS's 0.2 mm: 25.6 mm at any spacing.
        QCOMPARE(ai::coin::malignancyRoiOptions(0.2).minimumSide, 128.0);
        QCOMPARE(ai::coin::malignancyRoiOptions(0.1).minimumSide, 256.0);
        QCOMPARE(ai::coin::malignancyRoiOptions(0.05).minimumSide, 512.0);
        QCOMPARE(ai::coin::malignancyRoiOptions(0.1, 112).outputSize, 112);
        QVERIFY(errorOf([] { ai::coin::malignancyRoiOptions(0.0); }).contains("pixel spacing"));
        QVERIFY(errorOf([] { ai::coin::malignancyRoiOptions(std::nan("")); }).contains("pixel spacing"));

        // The same breast scanned at 0.2 mm and at 0.1 mm (twice the pixels), a
        // small mass in it: both ROIs show the same 25.6 mm of tissue.
        const cv::Mat coarse = texturedImage(400);
        cv::Mat fine;
        cv::resize(coarse, fine, cv::Size(800, 800), 0, 0, cv::INTER_LINEAR);
        const cv::Rect2d small(190, 190, 20, 20);
        const cv::Rect2d smallFine(380, 380, 40, 40);
        const cv::Mat reference = ai::coin::malignancyInput(coarse, 0.2, small);
        const cv::Mat same = ai::coin::malignancyInput(fine, 0.1, smallFine);
        const cv::Mat wrong = ai::coin::malignancyInput(fine, 0.2, smallFine);   // spacing ignored: half the field
        QCOMPARE(reference.rows, 224);
        const double right = correlation(reference, same), ignored = correlation(reference, wrong);
        QVERIFY2(right > 0.95, qPrintable(QString::number(right)));
        QVERIFY2(ignored < right - 0.2, qPrintable(QString("%1 vs %2").arg(ignored).arg(right)));

        MalignancyClassifier classifier(m_responsive, ai::ComputeDevice::Cpu, 2);
        const double pCoarse = classifier.malignancy(coarse, 0.2, {small}).front();
        const double pFine = classifier.malignancy(fine, 0.1, {smallFine}).front();
        const double pIgnored = classifier.malignancy(fine, 0.2, {smallFine}).front();
        QVERIFY2(qAbs(pCoarse - pFine) < 0.02 && qAbs(pCoarse - pFine) < qAbs(pCoarse - pIgnored),
                 qPrintable(QString("%1 %2 %3").arg(pCoarse).arg(pFine).arg(pIgnored)));
    }

    void badBoxesAndSpacingAreErrors()
    {
        MalignancyClassifier classifier(m_model, ai::ComputeDevice::Cpu, 2);
        const cv::Mat grey = texturedImage(256);
        QVERIFY(errorOf([&] { classifier.malignancy(grey, 0.2, {{10, 10, 0, 20}}); }).contains("positive width"));
        QVERIFY(errorOf([&] { classifier.malignancy(grey, -1.0, {{10, 10, 20, 20}}); }).contains("pixel spacing"));
        QVERIFY(errorOf([&] { classifier.malignancy(cv::Mat(), 0.2, {{10, 10, 20, 20}}); }).contains("grey image"));
    }

    void missingOrDamagedModelsAreErrors()
    {
        const auto missing = m_dir.filePath("none.pt").toStdString();
        QString message = errorOf([&] { MalignancyClassifier c(missing, ai::ComputeDevice::Cpu, 1); });
        QVERIFY2(message.contains("does not exist") && message.contains("none.pt"), qPrintable(message));

        const auto garbage = m_dir.filePath("garbage.pt").toStdString();
        std::ofstream(garbage, std::ios::binary) << std::string(2000, 'z');
        message = errorOf([&] { MalignancyClassifier c(garbage, ai::ComputeDevice::Cpu, 1); });
        QVERIFY2(message.contains("damaged") && message.contains("garbage.pt"), qPrintable(message));

        // A valid LibTorch archive of another kind: the detector.
        const auto detector = m_dir.filePath("detector.pt").toStdString();
        ai::writeUntrainedDetector("cpu", detector, 1);
        message = errorOf([&] { MalignancyClassifier c(detector, ai::ComputeDevice::Cpu, 1); });
        QVERIFY2(message.contains("not a Mammoscope COIN model"), qPrintable(message));

        message = errorOf([&] { ai::coin::writeUntrainedCoinModel("tiny", m_dir.filePath("tiny.pt").toStdString()); });
        QVERIFY2(message.contains("unknown preset"), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestMalignancyClassifier)
#include "test_malignancy_classifier.moc"
