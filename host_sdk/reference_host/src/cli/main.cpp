// aggregator-host: the reference host's command line.
#include "refhost/cli.hpp"

#include <iostream>

int main(int argc, char** argv) {
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
    return refhost::run_cli(std::move(args), std::cin, std::cout, std::cerr);
}
