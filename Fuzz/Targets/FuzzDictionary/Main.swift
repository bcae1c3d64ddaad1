// SwiftPM links an executable with `main` set to `FuzzDictionary_main`: this starts libFuzzer's
// driver (its own `main` is then not linked) with the target's test function.
import FuzzDriver

@_cdecl("FuzzDictionary_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzDictionary(data, size) }
}
