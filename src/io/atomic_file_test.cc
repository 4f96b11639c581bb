#include "io/atomic_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace jobsift {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Two writers of one output at once (two processes on a shared folder, a
// Dask worker re-running a script's top level): each renames a whole file
// of its own into place, so the output is always one writer's bytes, never
// a mix, and no temporary file is left.
TEST(AtomicFile, WritersOfOneOutputNeverMixTheirBytes) {
  std::string dir = std::filesystem::temp_directory_path() / ("jobsift_atomic_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/tables.json";
  const std::string a(200000, 'a'), b(150000, 'b');
  for (int round = 0; round < 20; ++round) {
    std::thread other([&] { EXPECT_TRUE(WriteFileAtomic(path, b).ok()); });
    EXPECT_TRUE(WriteFileAtomic(path, a).ok());
    other.join();
    std::string got = Slurp(path);
    ASSERT_TRUE(got == a || got == b) << "round " << round << ": " << got.size() << " bytes, a mix";
  }
  EXPECT_TRUE(WriteThroughTemp(path, [&](const std::string& tmp) {
                EXPECT_NE(tmp, path + ".tmp");
                std::ofstream(tmp) << "x";
                return Status::Ok();
              }).ok());
  EXPECT_EQ(Slurp(path), "x");
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    ++files;
    EXPECT_NE(e.path().extension(), ".tmp") << e.path();
  }
  EXPECT_EQ(files, 1u);
  std::filesystem::remove_all(dir);
}

TEST(AtomicFile, TemporaryNamesAreTheWritersOwn) {
  std::string one = TemporaryNameFor("/x/out.csv"), two = TemporaryNameFor("/x/out.csv");
  EXPECT_NE(one, two);
  EXPECT_EQ(one.rfind("/x/out.csv." + std::to_string(getpid()) + "-", 0), 0u) << one;
  EXPECT_EQ(std::filesystem::path(one).extension(), ".tmp");
}

}  // namespace
}  // namespace jobsift
