// A pkg-config consumer of the SDK: compiles against its headers and links its loader.
//   g++ -std=c++20 main.cpp $(pkg-config --cflags --libs host-sdk) -o pkgconfig-consumer
// Prints the ABI and platform the loader accepts, then the SHA-256 of a file given as argument.
#include <host_sdk/c/abi.h>
#include <host_sdk/loader.hpp>
#include <host_sdk/manifest.hpp>

#include <iostream>

int main(int argc, char** argv) {
    std::cout << "host-sdk ABI " << HS_ABI_MAJOR << "." << HS_ABI_MINOR << ", platform "
              << host_sdk::current_platform() << "\n";
    if (argc > 1) std::cout << host_sdk::sha256_file(argv[1]) << "  " << argv[1] << "\n";
    return 0;
}
