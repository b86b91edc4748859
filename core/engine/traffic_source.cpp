// SPDX-License-Identifier: MIT
#include "core/engine/traffic_source.h"

namespace bidlab::engine {

QStringList trafficKinds()
{
    return { QStringLiteral("synthetic") };
}

} // namespace bidlab::engine
