// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/train/dataset.h"

#include <functional>

// Writes a dataset as CSV that loadDataset() maps back by its header: the dense columns, the categorical
// ones, "p" (the true probability, when known) and "click". Atomic; missing values are empty fields.
namespace bidlab::train {

Status writeDatasetCsv(const Dataset& data, const QString& path, const std::function<bool(double)>& progress = {});

} // namespace bidlab::train
