// SwiftPM links an executable with `main` set to `FuzzIndex_main`: this starts libFuzzer's
// driver (its own `main` is then not linked) with the target's test function.
import FuzzDriver

@_cdecl("FuzzIndex_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzIndex(data, size) }
}
