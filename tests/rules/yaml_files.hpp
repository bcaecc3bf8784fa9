// The rule files of a test corpus folder, shared by the loader and graph-check tests.
#pragma once

#include <dirent.h>

#include <algorithm>
#include <string>
#include <vector>

namespace caseflow::test {

/// The `.yaml` files directly in `dir`, as paths, sorted.
inline std::vector<std::string> yaml_files(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      const std::string name = e->d_name;
      if (name.size() > 5 && name.compare(name.size() - 5, 5, ".yaml") == 0) out.push_back(dir + "/" + name);
    }
    closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace caseflow::test
