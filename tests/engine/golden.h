// Test helpers: the golden index (../shared/testdata/golden/index.json), raw float32 files, comparisons.
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace golden {

inline std::string testdata(const std::string& rel) {
    std::string path = RWKV_TESTDATA_DIR;  // appended in place: GCC 12 warns (-Warray-bounds) on "a" + "/" + b here
    path += '/';
    path += rel;
    return path;
}

inline nlohmann::json index() {
    std::ifstream f(testdata("golden/index.json"));
    return nlohmann::json::parse(f);
}

inline std::vector<float> read_f32(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::vector<char> b((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    std::vector<float> out(b.size() / 4);
    std::memcpy(out.data(), b.data(), out.size() * 4);
    return out;
}

/// max |a - b|; infinity when the sizes differ.
inline double max_abs_diff(const std::vector<float>& a, const std::vector<float>& b) {
    if (a.size() != b.size()) return INFINITY;
    double m = 0;
    for (std::size_t i = 0; i < a.size(); ++i) m = std::max(m, std::fabs(double(a[i]) - double(b[i])));
    return m;
}

/// max |a - g| / (1 + |g|): the relative-plus-absolute state criterion of the golden index.
inline double max_scaled_diff(const std::vector<float>& a, const std::vector<float>& g) {
    if (a.size() != g.size()) return INFINITY;
    double m = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        m = std::max(m, std::fabs(double(a[i]) - double(g[i])) / (1.0 + std::fabs(double(g[i]))));
    return m;
}

}  // namespace golden
