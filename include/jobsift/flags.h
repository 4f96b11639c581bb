// A command line declared as data: a program, its commands (nested to any
// depth), and each command's options, switches and positional arguments,
// every one bound to the caller's variable. Parse() reads argv once and
// either fills the variables, answers --help or --version with text, or
// refuses with one line that says what was wrong and, for a word it does
// not know, the nearest one it does.
//
//   CommandLine cli("jobsift", "labour-market intelligence");
//   CommandLine& scan = cli.Command("scan", "Read inputs and summarise them");
//   scan.Words("inputs", &inputs, "Files or folders").Required();
//   scan.Number("--threads,-j", &threads, 1, 256, "Threads");
//   std::string answer;
//   Status parsed = cli.Parse(argc, argv, &answer);
//   if (!parsed.ok()) …                 // "scan: unknown option '--thread': did you mean '--threads'? …"
//   if (!answer.empty()) …              // print it: --help or --version was asked
//   if (scan.Chosen()) …
//
// The forms read: --name value, --name=value, -n value, -nvalue, and -- to
// end options. An option's value is the next word whatever it looks like
// (so --min-n -5 reaches the range check), except a word starting with --.
// A flag given twice is refused: a second --city does not add a city.
// Nothing here throws or exits; it knows nothing of jobsift.
#ifndef JOBSIFT_FLAGS_H_
#define JOBSIFT_FLAGS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "jobsift/status.h"

namespace jobsift {

// A whole number in [lo, hi], or why not ("'abc' is not a whole number",
// "-1 is not in range 1 to 256").
StatusOr<int64_t> ParseWholeNumber(std::string_view text, int64_t lo, int64_t hi);

// ": did you mean 'report'?" for the nearest of `names` by edit distance,
// within a third of the word's length (at least 2 edits), else "".
std::string DidYouMean(std::string_view word, const std::vector<std::string>& names);

class CommandLine {
 public:
  // One option, switch or positional argument of a command.
  class Arg {
   public:
    // Parse() refuses the command line when this one is absent.
    Arg& Required() {
      required_ = true;
      return *this;
    }
    // A further test of the value: `check` returns "" to accept it, else
    // why not ("use the form 2024H1"). Runs before the value is stored.
    Arg& Check(std::function<std::string(const std::string&)> check) {
      check_ = std::move(check);
      return *this;
    }

   private:
    friend class CommandLine;
    std::vector<std::string> names_;  // "--threads", "-j"; one bare name for a positional
    std::string value_name_;          // "N", "TEXT", "" for a switch
    std::string help_;
    bool positional_ = false, many_ = false, required_ = false, seen_ = false;
    std::function<Status(const std::string&)> store_;
    std::function<std::string(const std::string&)> check_;
  };

  // `name` is the program's name (the first word of every message) or the
  // command's; `about` one line for --help.
  CommandLine(std::string name, std::string about);
  CommandLine(const CommandLine&) = delete;
  CommandLine& operator=(const CommandLine&) = delete;

  // A command under this one ("report" under "jobsift"). The reference
  // stays valid as long as this object.
  CommandLine& Command(std::string name, std::string about);
  // Parse() refuses a command line that names none of this one's commands.
  void NeedsCommand() { needs_command_ = true; }
  // The text --version prints (program level only).
  void Version(std::string text) { version_ = std::move(text); }

  // `names` is "--long" or "--long,-s". A text value.
  Arg& Text(std::string names, std::string* to, std::string help);
  // A whole number in [lo, hi].
  template <typename T>
    requires std::is_integral_v<T>
  Arg& Number(std::string names, T* to, int64_t lo, int64_t hi, std::string help) {
    return AddOption(std::move(names), "N", std::move(help), [to, lo, hi](const std::string& v) -> Status {
      StatusOr<int64_t> n = ParseWholeNumber(v, lo, hi);
      if (!n.ok()) return n.status();
      *to = static_cast<T>(*n);
      return Status::Ok();
    });
  }
  // Present or not: sets *to to true.
  Arg& Switch(std::string names, bool* to, std::string help);
  // A positional argument: one word, or (Words) every word left over.
  Arg& Word(std::string name, std::string* to, std::string help);
  Arg& Words(std::string name, std::vector<std::string>* to, std::string help);

  // Whether this command was the one (or on the way to the one) asked for.
  bool Chosen() const { return chosen_; }

  // Reads argv[1..argc). On a refusal the message starts with the command
  // it concerns ("report: …", nothing for the program) and ends with where
  // to look ("(see jobsift report --help)"). *answer gets the text of
  // --help or --version when one was asked (and nothing else is done).
  Status Parse(int argc, const char* const* argv, std::string* answer);

  // The --help text of this command.
  std::string Help() const;

 private:
  Arg& AddOption(std::string names, std::string value_name, std::string help,
                 std::function<Status(const std::string&)> store);
  Arg& AddPositional(std::string name, bool many, std::string help, std::function<Status(const std::string&)> store);
  Status ParseFrom(const std::vector<std::string>& words, size_t at, std::string* answer);
  Status Refuse(const std::string& why) const;
  Status Store(Arg& arg, const std::string& shown_name, const std::string& value);
  std::vector<std::string> OptionNames() const;

  std::string name_, path_, about_, version_;  // path_: "jobsift report"
  bool needs_command_ = false, chosen_ = false;
  std::vector<std::unique_ptr<CommandLine>> commands_;
  std::vector<std::unique_ptr<Arg>> args_;
};

}  // namespace jobsift

#endif  // JOBSIFT_FLAGS_H_
