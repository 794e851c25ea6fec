// test_pch.cpp — compiles tests/test_pch.h once per folder into the precompiled header the suites reuse
// (rwkv_add_qtest in tests/CMakeLists.txt).
