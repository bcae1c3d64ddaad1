// SwiftPM links an executable with `main` set to `FuzzJSONLines_main`: this starts libFuzzer's
// driver (its own `main` is then not linked) with the target's test function.
import FuzzDriver

@_cdecl("FuzzJSONLines_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzJSONLines(data, size) }
}
