// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/ctr_model.h"

#include <cstdint>

#include <QCryptographicHash>
#include <QJsonDocument>

namespace bidlab::engine {

// Identifies a model by its content: the first 8 bytes of the SHA-256 of its compact JSON. The bidder
// workers report it for the model they bid with (WorkerRow::modelFingerprint), so a deployment can be
// checked against the file that was deployed. Header only: the worker uses it without linking the engine.
inline std::uint64_t modelFingerprint(const bidding::CtrModel& model)
{
    const QByteArray digest = QCryptographicHash::hash(QJsonDocument(model.toJson()).toJson(QJsonDocument::Compact),
                                                       QCryptographicHash::Sha256);
    std::uint64_t value = 0;
    for (int i = 0; i < 8; ++i)
        value = value << 8 | static_cast<std::uint8_t>(digest[i]);
    return value;
}

} // namespace bidlab::engine
