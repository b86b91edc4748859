// SPDX-License-Identifier: MIT
#include "core/openrtb/bid_request.h"

namespace bidlab::openrtb {

std::string Imp::formatNames() const
{
    std::string names;
    const auto add = [&names](bool present, const char* name) {
        if (!present)
            return;
        if (!names.empty())
            names += '+';
        names += name;
    };
    add(banner.has_value(), "banner");
    add(video.has_value(), "video");
    add(audio.has_value(), "audio");
    add(native.has_value(), "native");
    return names;
}

} // namespace bidlab::openrtb
