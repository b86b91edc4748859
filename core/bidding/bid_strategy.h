// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/bid_request.h"

#include <cstdint>
#include <memory>
#include <optional>

#include <QStringList>

// Bid strategies: small pure objects that turn what a bidder knows of one impression into a price. They
// know nothing of the engine's threads, rings or records, so the log replay (issue 9) runs the same ones on
// iPinYou logs and adds its own (mcpc, ssmdp, rlb) beside them.
namespace bidlab::bidding {

enum class StrategyKind : std::uint8_t {
    Seed, // the seed's AdBidProcessor: floor * (1 + ltv) * (1 + relevance), capped at the max bid
    Constant, // always baseBid
    Random, // uniform in [randomMin, randomMax]
    Linear, // baseBid * pCTR / averageCtr * campaign multiplier (Perlich et al. 2012)
    Ortb, // Zhang, Yuan & Wang, "Optimal real-time bidding for display advertising", KDD 2014
};

const QStringList& strategyNames(); // "seed", "constant", "random", "linear", "ortb"
QString strategyName(StrategyKind kind);
std::optional<StrategyKind> strategyFromName(const QString& name);

// A strategy and all its parameters; a plain value so that the engine can hand it to its workers through
// shared memory. Prices are CPM micros.
struct StrategyParams
{
    StrategyKind kind = StrategyKind::Linear;
    std::uint8_t ortbForm = 1; // 1: b = sqrt(c/λ θ + c²) - c;  2: the paper's second (cube-root) form
    bool shading = false; // first-price auctions: shade bids with the factor learnt from win/loss feedback
    // > 0: bids are whole multiples of this step, rounded down, the way a replayed log's evaluation bids in
    // its integer price unit (iPinYou: one fen per CPM, 10,000 micros). Linear then computes in steps,
    // floor(θ · base / averageCtr), the order of operations of REPLAY.md §6; 0: prices in micros.
    Micros bidStepCpm = 0;
    Micros baseBidCpm = 2'000'000; // constant: the bid; linear: the bid at the average CTR
    Micros maxBidCpm = 0; // > 0: no bid above this, whatever the campaign's own cap (0: the campaigns' caps only)
    Micros randomMinCpm = 250'000;
    Micros randomMaxCpm = 4'000'000;
    double averageCtr = 0.02; // linear's reference CTR (the built-in model's mean is about 2 %)
    Micros ortbCCpm = 2'000'000; // ORTB's c, in CPM: winning function b / (b + c) (form 1), b² / (b² + c²) (2)
    double ortbLambda = 2.0e-3; // ORTB's λ (budget shadow price), in CTR per currency unit of CPM

    bool operator==(const StrategyParams&) const = default;
};
static_assert(std::is_trivially_copyable_v<StrategyParams>);

// What a strategy may look at for one impression.
struct BidInput
{
    double pCtr = 0.0; // predicted click probability θ
    Micros floorCpm = 0;
    Micros maxBidCpm = 0; // the campaign's cap
    Micros budgetLeft = 0; // the campaign's (approximate) budget left, micros
    double valueMultiplier = 1.0; // the campaign's multiplier for this audience
    double ltv = 0.0; // the user's lifetime-value score, 0..1
    double relevance = 0.0; // context relevance, 0..1
    std::uint64_t noise = 0; // random bits drawn for this request (same request, same bits)
};

class BidStrategy
{
public:
    virtual ~BidStrategy() = default;
    // The strategy's price for this impression in CPM micros, before the common limits (finalBid); 0 or
    // less for no bid.
    virtual Micros price(const BidInput& input) const = 0;
};

// The strategy a parameter set describes.
std::unique_ptr<BidStrategy> makeStrategy(const StrategyParams& params);

// The limits every strategy obeys: never above the campaign's max bid nor above what its budget left can
// pay for one impression; no bid under the floor. Returns the bid, or 0 with *reason set.
Micros finalBid(Micros price, const BidInput& input, NoBidReason* reason);

// Linear's price in steps of params.bidStepCpm (> 0): floor(θ · base / averageCtr), REPLAY.md §6's Lin.
Micros linearStepPrice(double theta, const StrategyParams& params);

// ORTB's bid functions (prices in currency units of CPM, θ a CTR): exposed for tests and the replay.
double ortbBid1(double theta, double c, double lambda);
double ortbBid2(double theta, double c, double lambda);

} // namespace bidlab::bidding
