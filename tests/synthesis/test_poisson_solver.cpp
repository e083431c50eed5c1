// The Poisson solver and its guidance fields against answers known without
// it: a linear function is harmonic, x^2 + y^2 has a discrete Laplacian of
// exactly 4, a dense LU solve of the same system, the discrete mean-value
// property, and pixels outside the domain that must not move.
#include "ai/synthesis/PoissonGuidance.h"
#include "ai/synthesis/PoissonSolver.h"
#include "core/Error.h"

#include <QtTest>

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <random>
#include <vector>

using namespace mammo::ai::synthesis;

namespace {

// An irregular domain: a disc and a rectangle joined, with a hole, away from the edge.
cv::Mat irregularDomain(cv::Size size)
{
    cv::Mat domain = cv::Mat::zeros(size, CV_8U);
    cv::circle(domain, cv::Point(size.width / 3, size.height / 2), size.height / 4, 255, cv::FILLED);
    cv::rectangle(domain, cv::Rect(size.width / 3, size.height / 3, size.width / 2, size.height / 4), 255, cv::FILLED);
    cv::circle(domain, cv::Point(size.width / 3, size.height / 2), size.height / 16, 0, cv::FILLED);
    return domain;
}

cv::Mat fieldOf(cv::Size size, double (*f)(double, double))
{
    cv::Mat field(size, CV_32F);
    for (int y = 0; y < size.height; ++y)
        for (int x = 0; x < size.width; ++x)
            field.at<float>(y, x) = float(f(x, y));
    return field;
}

double maxDifference(const cv::Mat& a, const cv::Mat& b, const cv::Mat& where = cv::Mat())
{
    double difference = 0.0;
    cv::minMaxLoc(cv::abs(a - b), nullptr, &difference, nullptr, nullptr, where);
    return difference;
}

} // namespace

class TestPoissonSolver : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void linearFunctionIsReproducedWithZeroGuidance()
    {
        const cv::Size size(80, 64);
        const cv::Mat exact = fieldOf(size, [](double x, double y) { return 20.0 + 0.75 * x - 1.25 * y; });
        const cv::Mat domain = irregularDomain(size);
        cv::Mat boundary = exact.clone();
        boundary.setTo(0.0f, domain);   // the solver must not read inside the domain
        PoissonSolveReport report;
        const cv::Mat solution = solvePoisson(boundary, cv::Mat::zeros(size, CV_32F), domain, {}, &report);
        QVERIFY(report.converged);
        QVERIFY(report.unknowns == cv::countNonZero(domain));
        QVERIFY2(maxDifference(solution, exact) < 2e-3, qPrintable(QString::number(maxDifference(solution, exact))));
    }

    void quadraticWithKnownLaplacian()
    {
        // The 5-point Laplacian of x^2 + y^2 is exactly 4 everywhere.
        const cv::Size size(72, 72);
        const cv::Mat exact = fieldOf(size, [](double x, double y) { return 0.01 * ((x - 30) * (x - 30) + (y - 40) * (y - 40)); });
        const cv::Mat domain = irregularDomain(size);
        const cv::Mat divergence(size, CV_32F, cv::Scalar(0.04));
        cv::Mat boundary = exact.clone();
        boundary.setTo(-100.0f, domain);
        const cv::Mat solution = solvePoisson(boundary, divergence, domain, {1000, 1e-7});
        QVERIFY2(maxDifference(solution, exact) < 2e-3, qPrintable(QString::number(maxDifference(solution, exact))));
    }

    void importedGradientOfAnImageGivesTheImageBack()
    {
        // div(grad f) is the solver's Laplacian of f, so f with its own boundary is the answer.
        const cv::Size size(64, 48);
        const cv::Mat exact = fieldOf(size, [](double x, double y) { return 100.0 + 40.0 * std::sin(x / 7.0) * std::cos(y / 5.0); });
        cv::Mat gx, gy;
        forwardGradient(exact, gx, gy);
        const cv::Mat domain = irregularDomain(size);
        cv::Mat boundary = exact.clone();
        boundary.setTo(0.0f, domain);
        const cv::Mat solution = solvePoisson(boundary, guidanceDivergence(gx, gy), domain, {2000, 1e-7});
        QVERIFY2(maxDifference(solution, exact) < 5e-3, qPrintable(QString::number(maxDifference(solution, exact))));
    }

    void agreesWithADenseSolveOfTheSameSystem()
    {
        std::mt19937 random(7);
        std::uniform_real_distribution<float> value(0.0f, 255.0f), rhs(-20.0f, 20.0f);
        const cv::Size size(16, 14);
        cv::Mat domain = cv::Mat::zeros(size, CV_8U);
        for (int y = 1; y < size.height - 1; ++y)
            for (int x = 1; x < size.width - 1; ++x)
                domain.at<uchar>(y, x) = (random() % 10) < 7 ? 255 : 0;
        cv::Mat boundary(size, CV_32F), divergence(size, CV_32F);
        for (int y = 0; y < size.height; ++y)
            for (int x = 0; x < size.width; ++x) {
                boundary.at<float>(y, x) = value(random);
                divergence.at<float>(y, x) = rhs(random);
            }

        // The reference: the same equations written densely, solved by LU in double.
        std::vector<cv::Point> pixels;
        cv::Mat index(size, CV_32S, cv::Scalar(-1));
        for (int y = 0; y < size.height; ++y)
            for (int x = 0; x < size.width; ++x)
                if (domain.at<uchar>(y, x)) {
                    index.at<int>(y, x) = int(pixels.size());
                    pixels.emplace_back(x, y);
                }
        const int n = int(pixels.size());
        cv::Mat a = cv::Mat::zeros(n, n, CV_64F), b(n, 1, CV_64F);
        for (int i = 0; i < n; ++i) {
            const cv::Point p = pixels[std::size_t(i)];
            a.at<double>(i, i) = -4.0;
            double known = 0.0;
            for (const cv::Point d : {cv::Point(1, 0), cv::Point(-1, 0), cv::Point(0, 1), cv::Point(0, -1)}) {
                const int j = index.at<int>(p + d);
                if (j >= 0)
                    a.at<double>(i, j) = 1.0;
                else
                    known += boundary.at<float>(p + d);
            }
            b.at<double>(i) = divergence.at<float>(p) - known;
        }
        cv::Mat reference;
        QVERIFY(cv::solve(a, b, reference, cv::DECOMP_LU));

        const cv::Mat solution = solvePoisson(boundary, divergence, domain, {1000, 1e-7});
        double worst = 0.0;
        for (int i = 0; i < n; ++i)
            worst = std::max(worst, std::abs(solution.at<float>(pixels[std::size_t(i)]) - reference.at<double>(i)));
        QVERIFY2(worst < 1e-3, qPrintable(QString::number(worst)));
    }

    void harmonicInterpolationHasTheMeanValuePropertyAndMaximumPrinciple()
    {
        const cv::Size size(60, 50);
        cv::Mat boundary(size, CV_32F);
        cv::randu(boundary, 0.0, 200.0);
        const cv::Mat domain = irregularDomain(size);
        const cv::Mat solution = solvePoisson(boundary, cv::Mat::zeros(size, CV_32F), domain, {2000, 1e-7});
        double worst = 0.0;
        for (int y = 1; y < size.height - 1; ++y)
            for (int x = 1; x < size.width - 1; ++x)
                if (domain.at<uchar>(y, x)) {
                    const double mean = 0.25 * (solution.at<float>(y, x - 1) + solution.at<float>(y, x + 1) +
                                                solution.at<float>(y - 1, x) + solution.at<float>(y + 1, x));
                    worst = std::max(worst, std::abs(mean - solution.at<float>(y, x)));
                }
        QVERIFY2(worst < 1e-3, qPrintable(QString::number(worst)));
        double low = 0.0, high = 0.0;
        cv::minMaxLoc(solution, &low, &high, nullptr, nullptr, domain);
        QVERIFY(low >= 0.0 && high <= 200.0);
        QVERIFY(high - low > 1.0);   // not a constant: it interpolates
    }

    void pixelsOutsideTheDomainAreUntouched()
    {
        const cv::Size size(40, 40);
        cv::Mat boundary(size, CV_32F);
        cv::randu(boundary, 0.0, 1000.0);
        cv::Mat divergence(size, CV_32F);
        cv::randu(divergence, -50.0, 50.0);
        const cv::Mat domain = irregularDomain(size);
        const cv::Mat solution = solvePoisson(boundary, divergence, domain);
        const cv::Mat outside = domain == 0;
        QCOMPARE(cv::countNonZero((solution != boundary) & outside), 0);
        QVERIFY(cv::countNonZero((solution != boundary) & domain) > 0);
    }

    void emptyDomainReturnsTheBoundary()
    {
        cv::Mat boundary(10, 10, CV_32F, cv::Scalar(3.0));
        PoissonSolveReport report;
        const cv::Mat solution = solvePoisson(boundary, cv::Mat::zeros(10, 10, CV_32F), cv::Mat::zeros(10, 10, CV_8U), {}, &report);
        QCOMPARE(report.unknowns, 0);
        QCOMPARE(maxDifference(solution, boundary), 0.0);
    }

    void domainOnTheEdgeIsRejected()
    {
        cv::Mat domain = cv::Mat::zeros(10, 10, CV_8U);
        domain.at<uchar>(0, 5) = 255;
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error,
                                 solvePoisson(cv::Mat::zeros(10, 10, CV_32F), cv::Mat::zeros(10, 10, CV_32F), domain));
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error,
                                 solvePoisson(cv::Mat::zeros(10, 10, CV_32F), cv::Mat::zeros(9, 10, CV_32F),
                                              cv::Mat::zeros(10, 10, CV_8U)));
    }

    void mixedGuidanceTakesTheLargerGradient()
    {
        // target: ramp of slope 1 along x; source: ramp of slope 3 along y on the left half, flat on the right.
        cv::Mat target(8, 8, CV_32F), source(8, 8, CV_32F);
        for (int y = 0; y < 8; ++y)
            for (int x = 0; x < 8; ++x) {
                target.at<float>(y, x) = float(x);
                source.at<float>(y, x) = x < 4 ? float(3 * y) : 5.0f;
            }
        cv::Mat gx, gy;
        mixedGuidance(target, source, gx, gy);
        QCOMPARE(gx.at<float>(2, 1), 0.0f);   // source (0, 3) wins over target (1, 0)
        QCOMPARE(gy.at<float>(2, 1), 3.0f);
        QCOMPARE(gx.at<float>(2, 5), 1.0f);   // target (1, 0) wins over flat source
        QCOMPARE(gy.at<float>(2, 5), 0.0f);
        const cv::Mat divergence = guidanceDivergence(gx, gy);
        QCOMPARE(divergence.at<float>(3, 6), 0.0f);   // a ramp has no curvature
    }
};

QTEST_APPLESS_MAIN(TestPoissonSolver)
#include "test_poisson_solver.moc"
