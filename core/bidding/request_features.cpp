// SPDX-License-Identifier: MIT
#include "core/bidding/request_features.h"

#include <bit>

#include <QCoreApplication>

namespace bidlab::bidding {

RequestFeatures extractFeatures(const BidRequest& r)
{
    // As the seed's RealTimeBiddingSystem._extract_features.
    const int interestCount = std::popcount(static_cast<unsigned>(r.interests));
    const std::uint32_t mainInterest = r.interests ? static_cast<std::uint32_t>(std::countr_zero(r.interests)) : 16u;
    return { { r.age / 100.0, r.gender == 1 ? 1.0 : 0.0, interestCount / 10.0, r.slotWidth / 1000.0,
               r.slotHeight / 1000.0, r.aboveFold ? 1.0 : 0.0, r.hour / 24.0, r.dayOfWeek / 7.0,
               r.device == kMobile ? 1.0 : 0.0 },
             { r.publisher, r.region, r.os, r.browser, mainInterest } };
}

Expected<BoundModel> BoundModel::bind(CtrModel model)
{
    Expected<CtrModel::Binding> binding = model.bind(engineDenseFeatures(), engineCategoricalFeatures());
    if (!binding)
        return Error { binding.error() };
    if (binding->dense.size() > kEngineDenseCount || binding->categorical.size() > kEngineCategoricalCount)
        return Error { QCoreApplication::translate("BoundModel", "The model lists a feature more than once.") };
    BoundModel bound;
    bound.m_model = std::move(model);
    bound.m_binding = std::move(binding).value();
    return bound;
}

double BoundModel::predict(const BidRequest& request) const
{
    const RequestFeatures f = extractFeatures(request);
    std::array<double, kEngineDenseCount> dense {};
    std::array<std::uint32_t, kEngineCategoricalCount> categorical {};
    const std::size_t nd = m_binding.dense.size();
    const std::size_t nc = m_binding.categorical.size();
    for (std::size_t i = 0; i < nd; ++i)
        dense[i] = f.dense[static_cast<std::size_t>(m_binding.dense[i])];
    for (std::size_t i = 0; i < nc; ++i)
        categorical[i] = f.categorical[static_cast<std::size_t>(m_binding.categorical[i])];
    return m_model.predict(
        { std::span<const double>(dense.data(), nd), std::span<const std::uint32_t>(categorical.data(), nc) });
}

} // namespace bidlab::bidding
