// tests/gpu: a tiny check harness (no Qt on the GPU machine): CHECK counts, main prints "N passed, N failed".
#pragma once

#include <cstdio>
#include <string>

namespace gpucheck {
inline int passed = 0, failed = 0;
inline void check(bool ok, const std::string& what) {
    if (ok) {
        ++passed;
        std::printf("  ok    %s\n", what.c_str());
    } else {
        ++failed;
        std::printf("  FAIL  %s\n", what.c_str());
    }
    std::fflush(stdout);
}
inline int finish() {
    std::printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
constexpr int kSkip = 77;  // ctest SKIP_RETURN_CODE
}  // namespace gpucheck
