// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/bid_request.h"
#include "core/bidding/ctr_model.h"

#include <array>
#include <cstdint>

namespace bidlab::bidding {

inline constexpr int kEngineDenseCount = 9;
inline constexpr int kEngineCategoricalCount = 5;

// One request's features in the order of engineDenseFeatures() / engineCategoricalFeatures() (ctr_model.h):
// the seed's nine dense ones and the interned categorical ids.
struct RequestFeatures
{
    std::array<double, kEngineDenseCount> dense;
    std::array<std::uint32_t, kEngineCategoricalCount> categorical;
};

RequestFeatures extractFeatures(const BidRequest& request);

// A model bound to the engine's features: predicts from a request without allocating.
class BoundModel
{
public:
    // Fails (with the model's own message) when the model needs a feature requests do not have.
    static Expected<BoundModel> bind(CtrModel model);

    const CtrModel& model() const { return m_model; }
    double predict(const BidRequest& request) const;

private:
    CtrModel m_model;
    CtrModel::Binding m_binding;
};

} // namespace bidlab::bidding
