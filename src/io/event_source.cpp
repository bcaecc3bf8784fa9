// The one event source: a file, standard input or text, read in large blocks and handed line by
// line (JSON Lines) or row by row (CSV) to the readers, with no copy of a line.
#include "caseflow/event_source.hpp"

#include "caseflow/io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <vector>

namespace caseflow {

std::optional<EventFormat> event_format_named(std::string_view name) noexcept {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "auto" || lower == "detect") return EventFormat::detect;
  if (lower == "jsonl" || lower == "json" || lower == "ndjson" || lower == "json-lines") return EventFormat::json_lines;
  if (lower == "csv") return EventFormat::csv;
  return std::nullopt;
}

namespace {

constexpr std::size_t kBlock = std::size_t{4} << 20;

}  // namespace

struct EventSource::Impl {
  explicit Impl(RuleSet r) : rules(std::move(r)) {}
  RuleSet rules;
  StringTable* strings = nullptr;
  std::string name;
  EventFormat format = EventFormat::detect;
  int fd = -1;          // -1: reading `text`
  bool own_fd = false;  // close it at the end
  std::string text;     // the input in memory, or the first block read to detect the format
  std::size_t text_used = 0;
  bool at_end = false;
  std::uint64_t read_bytes = 0;
  std::optional<std::uint64_t> total;

  ~Impl() {
    if (own_fd && fd >= 0) ::close(fd);
  }

  // Appends up to one block from the input to `out`; false at its end. Throws InputError on a read error.
  bool next(std::string& out) {
    if (fd < 0) {
      if (text_used >= text.size()) return false;
      const std::size_t n = std::min(kBlock, text.size() - text_used);
      out.append(text, text_used, n);
      text_used += n;
      read_bytes += n;
      return true;
    }
    if (text_used < text.size()) {  // the block read to detect the format
      out.append(text, text_used, std::string::npos);
      text_used = text.size();
      return true;
    }
    if (at_end) return false;
    const std::size_t old = out.size();
    out.resize(old + kBlock);
    ssize_t n;
    do n = ::read(fd, &out[old], kBlock);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
      out.resize(old);
      throw InputError(name + ": cannot read: " + std::strerror(errno));
    }
    out.resize(old + static_cast<std::size_t>(n));
    read_bytes += static_cast<std::uint64_t>(n);
    if (n == 0) at_end = true;
    return n > 0;
  }

  // Reads the first block, drops a byte-order mark and settles the format; an empty input is an error.
  void start() {
    std::string first;
    if (fd >= 0) {
      while (first.empty() && next(first)) {
      }
      text = std::move(first);
      text_used = 0;
    }
    const std::string& head = text;
    std::size_t skip = head.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    text_used = skip;
    const std::size_t content = head.find_first_not_of(" \t\r\n", skip);
    if (content == std::string::npos && fd >= 0 && at_end)
      throw InputError(name + ": the input is empty (no events, not even a header row)");
    if (format == EventFormat::detect) format = content != std::string::npos && head[content] == '{' ? EventFormat::json_lines : EventFormat::csv;
  }
};

EventSource::EventSource(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EventSource::EventSource(EventSource&&) noexcept = default;
EventSource& EventSource::operator=(EventSource&&) noexcept = default;
EventSource::~EventSource() = default;

EventSource EventSource::open(const RuleSet& rules, const std::string& path, EventFormat format, StringTable* strings) {
  auto impl = std::make_unique<Impl>(rules);
  impl->strings = strings;
  impl->format = format;
  if (path == "-") {
    impl->name = "<stdin>";
    impl->fd = 0;
  } else {
    impl->name = path;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) throw InputError(path + ": cannot open the events: " + std::strerror(errno));
    if (S_ISDIR(st.st_mode)) throw InputError(path + ": is a directory, not a file of events");
    impl->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (impl->fd < 0) throw InputError(path + ": cannot open the events: " + std::strerror(errno));
    impl->own_fd = true;
    if (S_ISREG(st.st_mode)) impl->total = static_cast<std::uint64_t>(st.st_size);
  }
  impl->start();
  return EventSource(std::move(impl));
}

EventSource EventSource::from_text(const RuleSet& rules, std::string text, std::string name, EventFormat format,
                                   StringTable* strings) {
  auto impl = std::make_unique<Impl>(rules);
  impl->strings = strings;
  impl->format = format;
  impl->name = std::move(name);
  impl->total = text.size();
  impl->text = std::move(text);
  impl->start();
  return EventSource(std::move(impl));
}

const std::string& EventSource::name() const noexcept { return impl_->name; }
EventFormat EventSource::format() const noexcept { return impl_->format; }
std::uint64_t EventSource::bytes_read() const noexcept { return impl_->read_bytes; }
std::optional<std::uint64_t> EventSource::size() const noexcept { return impl_->total; }

void EventSource::read(const EventSink& on_event, const ErrorSink& on_error) {
  Impl& s = *impl_;
  if (s.format == EventFormat::json_lines) {
    // Blocks of whole lines, each read in one pass by the document stream; the partial last line
    // of a block waits for the next. The buffer keeps room for simdjson's padding.
    JsonEventReader reader(s.rules, s.strings);
    std::string buffer;
    buffer.reserve(kBlock + kBlock / 4);
    std::size_t line = 1;
    bool more = true;
    while (more) {
      more = s.next(buffer);
      std::size_t whole = buffer.size();
      if (more) {
        const std::size_t nl = buffer.rfind('\n');
        if (nl == std::string::npos) {
          buffer.reserve(buffer.size() * 2 + 64);  // a line longer than a block: read on
          continue;
        }
        whole = nl + 1;
      }
      if (buffer.capacity() < whole + 64) buffer.reserve(whole + 64);
      line += reader.read_lines(buffer.data(), whole, buffer.capacity(), line, on_event, on_error);
      buffer.erase(0, whole);
    }
    return;
  }
  // CSV: the delimiter is the one the header row uses (`;` when it has more of them than `,`).
  std::string first;
  const bool any = s.next(first);
  const std::string_view header = std::string_view(first).substr(0, first.find('\n'));
  const char delimiter = std::count(header.begin(), header.end(), ';') > std::count(header.begin(), header.end(), ',') ? ';' : ',';
  bool first_given = !any;
  std::optional<std::pair<std::size_t, std::string>> fatal;
  CsvEventReader reader(s.rules, s.strings);
  reader.read_blocks(
      [&](std::string& block) {
        if (!first_given) {
          first_given = true;
          block.swap(first);
          return true;
        }
        return s.next(block);
      },
      on_event,
      [&](std::size_t row, const std::string& case_id, const std::string& message) {
        // The header and the CSV itself are the input's: nothing after them can be read.
        if (case_id.empty() && (row == 1 || message.rfind("malformed CSV", 0) == 0)) {
          if (!fatal) fatal.emplace(row, message);
          return;
        }
        on_error(row, case_id, message);
      },
      delimiter);
  if (fatal) throw InputError(s.name + ":" + std::to_string(fatal->first) + ": " + fatal->second);
}

}  // namespace caseflow
