// StopStringFilter (rwkv/generator.h): holds back streamed text that may still become a stop string.
#include <algorithm>

#include "rwkv/generator.h"

namespace rwkv {

std::string StopStringFilter::push(std::string_view text) {
    if (stopped_) return {};
    held_.append(text);
    std::size_t first = std::string::npos;
    for (const std::string& s : stops_) {
        if (s.empty()) continue;
        first = std::min(first, held_.find(s));
    }
    if (first != std::string::npos) {
        stopped_ = true;
        std::string out = held_.substr(0, first);
        held_.clear();
        return out;
    }
    // Keep the longest tail of held_ that is a proper prefix of some stop string.
    std::size_t keep = 0;
    for (const std::string& s : stops_) {
        const std::size_t max_len = std::min(s.size() - (s.empty() ? 0 : 1), held_.size());
        for (std::size_t len = max_len; len > keep; --len) {
            if (held_.compare(held_.size() - len, len, s, 0, len) == 0) {
                keep = len;
                break;
            }
        }
    }
    std::string out = held_.substr(0, held_.size() - keep);
    held_.erase(0, held_.size() - keep);
    return out;
}

std::string StopStringFilter::flush() {
    std::string out;
    out.swap(held_);
    return stopped_ ? std::string() : out;
}

}  // namespace rwkv
