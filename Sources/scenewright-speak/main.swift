// scenewright-speak: one utterance through libespeak-ng, in a process of its own.
//
//   scenewright-speak VOICE RATE PITCH RANGE TIMEOUT_SECONDS < text.txt > samples
//
// espeak-ng keeps its synthesis state in process-wide statics that no call resets (the pitch
// flutter's phase, the echo buffer): in one long-lived process the same text comes out
// differently each time. The first utterance of a fresh process is always the same, so the
// server speaks each clip here. Output: the sample rate (UInt32, little-endian), then 16-bit
// little-endian mono samples. Exit status 3 for an unknown voice, 2 for any other failure,
// with the reason (one short line) on standard error.
import CEspeakNG
import Foundation

func fail(_ status: Int32, _ message: String) -> Never {
    FileHandle.standardError.write(Data("scenewright-speak: \(message)\n".utf8))
    exit(status)
}

let arguments = CommandLine.arguments
guard arguments.count == 6, let rate = Int32(arguments[2]), let pitch = Int32(arguments[3]), let range = Int32(arguments[4]),
      let seconds = UInt32(arguments[5]), seconds > 0 else {
    fail(2, "usage: scenewright-speak VOICE RATE PITCH RANGE TIMEOUT_SECONDS < text")
}
// A clip that takes longer than the caller's timeout is abandoned: the kernel ends this
// process, so the server needs no timer thread of its own to stop it.
alarm(seconds)
let text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
let sampleRate = scenewright_speech_start()
guard sampleRate > 0 else { fail(2, "espeak-ng cannot start: its voice data (espeak-ng-data) was not found") }
var buffer = scenewright_speech_buffer()
switch scenewright_speech_speak(arguments[1], text, rate, pitch, range, 0, &buffer) {
case 0: break
case 1: fail(3, "espeak-ng has no voice \"\(arguments[1])\"")
default: fail(2, "espeak-ng could not speak the text")
}
var out = Data(capacity: 4 + buffer.count * 2)
withUnsafeBytes(of: UInt32(sampleRate).littleEndian) { out.append(contentsOf: $0) }
if let data = buffer.data {
    for index in 0..<buffer.count { withUnsafeBytes(of: data[index].littleEndian) { out.append(contentsOf: $0) } }
}
scenewright_speech_free(buffer.data)
FileHandle.standardOutput.write(out)
