// Where the shipped data lives (tables, lexicons, the model, labels): the
// folder a run uses when none is given.
#ifndef JOBSIFT_BASE_DATA_DIR_H_
#define JOBSIFT_BASE_DATA_DIR_H_

#include <string>

namespace jobsift {

// $JOBSIFT_DATA_DIR when set, else the source tree's data/ (compiled in).
std::string DefaultDataDir();

}  // namespace jobsift

#endif  // JOBSIFT_BASE_DATA_DIR_H_
