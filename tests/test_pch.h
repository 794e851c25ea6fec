// test_pch.h — the precompiled header of the Qt Test suites in tests/engine, app, cli, e2e and vulkan
// (rwkv_add_qtest in tests/CMakeLists.txt, RWKV_TEST_PCH_FOLDERS): the heavy headers nearly every suite includes
// (QtTest with all of QtCore, nlohmann/json, the standard library), parsed once per folder instead of once per test
// (~9 of the ~23 s a test file took to compile). Project headers stay out: a change to one must not rebuild every
// test. docs/testing.md "Build time".
#pragma once

#include <QtTest>
#include <QAbstractItemModelTester>
#include <QSignalSpy>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <thread>
#include <vector>
