// SPDX-License-Identifier: MIT
#include "core/train/dataset.h"

namespace bidlab::train {

namespace {

template<class T> std::vector<T> gather(const std::vector<T>& column, std::span<const std::uint32_t> indices)
{
    std::vector<T> out;
    out.reserve(indices.size());
    for (const std::uint32_t i : indices)
        out.push_back(column[i]);
    return out;
}

} // namespace

Dataset Dataset::subset(std::span<const std::uint32_t> indices) const
{
    Dataset out;
    out.denseNames = denseNames;
    out.categoricalNames = categoricalNames;
    for (const auto& column : dense)
        out.dense.push_back(gather(column, indices));
    for (const auto& column : categorical)
        out.categorical.push_back(gather(column, indices));
    out.labels = gather(labels, indices);
    if (hasTruth())
        out.truth = gather(truth, indices);
    return out;
}

void Dataset::appendRow(std::span<const double> denseValues, std::span<const std::uint32_t> categoricalValues,
                        std::uint8_t label, double truthValue)
{
    dense.resize(static_cast<std::size_t>(denseNames.size()));
    categorical.resize(static_cast<std::size_t>(categoricalNames.size()));
    for (std::size_t f = 0; f < dense.size(); ++f)
        dense[f].push_back(denseValues[f]);
    for (std::size_t f = 0; f < categorical.size(); ++f)
        categorical[f].push_back(categoricalValues[f]);
    labels.push_back(label);
    if (!std::isnan(truthValue))
        truth.push_back(truthValue);
}

} // namespace bidlab::train
