// SPDX-License-Identifier: MIT
#include "core/bidding/bid_shading.h"
#include "tests/common/test_support.h"

#include <cmath>
#include <random>

using namespace bidlab;
using namespace bidlab::bidding;

class BidShadingTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findsTheSurplusMaximisingFactor()
    {
        // Value v = 4.00 CPM; competing bids uniform on [0, 4]. With a shaded bid s·v the surplus per
        // auction is (v - s·v)·P(win) = v(1 - s)s, largest at s = 0.5.
        std::mt19937_64 rng(1);
        std::uniform_real_distribution<double> market(0.0, 4'000'000.0);
        BidShader::Options options;
        options.initial = 0.95;
        options.bidsPerPeriod = 2'000;
        BidShader shader(options);
        for (int period = 0; period < 400; ++period) {
            do {
                const auto bid = static_cast<Micros>(4'000'000 * shader.factor());
                shader.record(bid, static_cast<double>(bid) >= market(rng));
            } while (!shader.advance());
        }
        QVERIFY2(std::abs(shader.centre() - 0.5) <= 0.06, qPrintable(QString::number(shader.centre())));
    }
    void staysWithinItsBounds()
    {
        BidShader::Options options;
        options.bidsPerPeriod = 1;
        options.min = 0.6;
        BidShader shader(options);
        for (int i = 0; i < 1000; ++i) { // always winning makes lower factors look better
            shader.record(1'000'000, true);
            shader.advance();
            QVERIFY(shader.factor() >= 0.6 && shader.factor() <= 1.0);
        }
        QCOMPARE(shader.centre(), 0.6);
    }
    void waitsForEnoughFeedback()
    {
        BidShader shader;
        const double before = shader.factor();
        shader.record(1'000'000, false);
        QVERIFY(!shader.advance());
        QCOMPARE(shader.factor(), before);
    }
};

BIDLAB_TEST_MAIN_CORE(BidShadingTest)
#include "test_bid_shading.moc"
