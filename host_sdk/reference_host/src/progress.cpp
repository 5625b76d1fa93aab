#include "refhost/progress.hpp"

#include "refhost/clock.hpp"
#include "refhost/i18n.hpp"

#include <unistd.h>

#include <utility>

namespace refhost {

progress_display::progress_display(std::FILE* out, bool terminal, const clock& time, std::int64_t period_ms)
    : out_(out), terminal_(terminal), clock_(time), period_ms_(period_ms) {}

bool progress_display::stderr_is_terminal() noexcept { return ::isatty(STDERR_FILENO) == 1; }

namespace {

// The SDK names phases with short English words; the host shows its users their own language. Names it does
// not know are shown as they come.
std::string_view phase_label(std::string_view phase) noexcept {
    if (current_language() == language::en) return phase;
    static constexpr std::pair<std::string_view, std::string_view> french[] = {
        {"lease", "réservation"},   {"list", "liste des pièces"}, {"download", "téléchargement"},
        {"recover", "reprise"},     {"parse", "lecture"},         {"deliver", "livraison"},
        {"finish", "enregistrement"}, {"done", "terminé"},
    };
    for (const auto& [name, label] : french)
        if (name == phase) return label;
    return phase;
}

} // namespace

std::string progress_display::format(std::string_view phase, std::uint64_t done, std::uint64_t total) {
    std::string text(phase_label(phase));
    if (done == 0 && total == 0) return text; // a phase that starts with nothing counted yet: its name says it
    text += " ";
    text += std::to_string(done);
    if (total > 0) {
        text += "/" + std::to_string(total);
        const auto percent = done >= total ? 100U : static_cast<unsigned>(done * 100U / total);
        text += " (" + std::to_string(percent) + (current_language() == language::en ? "%)" : " %)");
    }
    return text;
}

void progress_display::update(std::string_view operation_id, std::string_view phase, std::uint64_t done,
                              std::uint64_t total) noexcept {
    try {
        std::lock_guard<std::mutex> guard(mutex_);
        if (!enabled_ || out_ == nullptr) return;
        std::string line = "[" + std::string(operation_id) + "] " + format(phase, done, total);
        if (terminal_) {
            // Pad with spaces to wipe a longer previous line.
            const auto width = line.size();
            if (width < last_width_) line.append(last_width_ - width, ' ');
            last_width_ = width;
            std::fprintf(out_, "\r%s", line.c_str());
            std::fflush(out_);
            line_open_ = true;
            return;
        }
        if (line == last_line_) return; // the same figures again add nothing to a log
        const std::string key = std::string(operation_id) + "/" + std::string(phase);
        const auto now = clock_.now_ms();
        const bool phase_changed = key != last_key_;
        const bool finished = total > 0 && done >= total;
        if (phase_changed || finished || now - last_print_ms_ >= period_ms_) {
            std::fprintf(out_, "%s\n", line.c_str());
            std::fflush(out_);
            last_key_ = key;
            last_line_ = line;
            last_print_ms_ = now;
        }
    } catch (...) {
    }
}

void progress_display::finish() noexcept {
    std::lock_guard<std::mutex> guard(mutex_);
    if (line_open_ && out_ != nullptr) {
        std::fputc('\n', out_);
        std::fflush(out_);
    }
    line_open_ = false;
    last_width_ = 0;
    last_key_.clear();
    last_line_.clear();
}

void progress_display::set_enabled(bool enabled) noexcept {
    std::lock_guard<std::mutex> guard(mutex_);
    enabled_ = enabled;
}

} // namespace refhost
