import ArgumentParser
import Foundation
import Lumen

struct SpeedProbe: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "speed-probe")
    func run() throws {
        let net = LeNetGAP(inChannels: 1, classes: 10)
        let opt = SGD(net.parameters(), lr: 0.05, momentum: 0.9)
        let lossFn = CrossEntropyLoss()
        let x = Tensor.randn([32, 1, 32, 32])
        let y = Tensor.randint(0, 10, [32])
        let start = Date()
        for _ in 0..<45 {
            opt.zeroGrad()
            let loss = lossFn(net(x), y)
            try loss.backward()
            opt.step()
        }
        print("45 batches of 32:", Date().timeIntervalSince(start), "s")
    }
}
