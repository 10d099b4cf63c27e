// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

// Written by scripts/gen-blob-vectors from the L2 model; do not edit.

/// @notice A batch posted in blobs, as the Python model computes it.
struct BlobVector {
    /// @dev SHA-256 of the batch's canonical encoding.
    bytes32 dataHash;
    /// @dev The versioned hashes of the blobs that carry it, in order.
    bytes32[] versionedHashes;
    /// @dev Each blob's challenge point.
    uint256[] challenges;
    /// @dev Per blob, 128 bytes: y || commitment || proof.
    bytes openings;
    /// @dev What `commitBlobBatch` extends the accumulator with.
    bytes32 blobsHash;
    /// @dev What `commitBlobBatchKzg` extends the accumulator with.
    bytes32 kzgHash;
}

/// @title BlobVectors
/// @notice Blob batches of the L2 model, their openings and data hashes.
library BlobVectors {
    /// @notice Batch 1 of the seed-0 workload with 100 transfers (6,400 bytes, 1 blob).
    function oneBlob() internal pure returns (BlobVector memory v) {
        v.dataHash = 0x26c5c9381da37278aabf114e783eada52303d8ff0c8387fa27626462ea2c635b;
        v.versionedHashes = new bytes32[](1);
        v.versionedHashes[0] = 0x01df23858f97c0176912383961525d8270ea7fd6d87a64b9d961711ea95b559e;
        v.challenges = new uint256[](1);
        v.challenges[0] = 19581154381455625340080875695731090223252677445399095856690175199372482660383;
        v.openings = hex"3062cc77f49d4c7e3fbe8d63d30b5512f80e01f2a2cfad4cd39a964c00b98106a99461536628de08fc2fae5eb711898ae7b25d9b3bb4c0d38404a3705974e94a"
            hex"4429bd63ad8c5b6ce0d63e4b59175b7d8b060b30f33789493b54f4434b1615f64e7cb08ac9d74e6cd155c81693b70497171a91a5b8152d177dae5593cc70e5c3";
        v.blobsHash = 0x13ea5055c6ce3f73474c832baed8b4c1b563c9d99f7a1359aa8562bd20c4af82;
        v.kzgHash = 0x0482f3dbb295a21e169019d2dcceee3ad1ac97270c256f71205c298670999bc0;
    }

    /// @notice Batch 1 of the seed-0 workload with 1,984 transfers (126,976 bytes, 2 blobs).
    function twoBlobs() internal pure returns (BlobVector memory v) {
        v.dataHash = 0x38378e0cfd721bc536906f714ebfa7f975c196d97d0a5ab6030aeefa2be44d6c;
        v.versionedHashes = new bytes32[](2);
        v.versionedHashes[0] = 0x0198eda4d53186f9d8518353e2f6c3e78d5941fef9b3c36b57a4ad9da3b72a7f;
        v.versionedHashes[1] = 0x014c83c5e6b4c3e0dc60c584d378683b822d5b0dae832d72dbb42aaeadd6f50b;
        v.challenges = new uint256[](2);
        v.challenges[0] = 29845702947155056810434024956134245960838753752770497060594024641374671001229;
        v.challenges[1] = 30513618119259223434511945374185740656350966793148666131320359961720027627085;
        v.openings = hex"27c4f2402df5832f45c93ccba39157dd4b2a396b2e0777cee0235c452d047c72980bfe101965c096fbef2a74d138dce98e3f6f100f52fd5d0509826a247c0e99"
            hex"654612297c3f92deb516d183f7e58ff4b807a4e18bf221529a009ca1da0e87a4a155ea8b066d162408c1ce2d9f6bbfef1f8f448d16f83d7d2452eb8f764e9469"
            hex"508aed0a5034ca4768ae3d98986f9d65d1a7e9215c048bd3cfbdff4bd05d892c984e81fd6479e21a8e6e8997ccc12200f5e3e18c044d15984a3a11ceb49bf677"
            hex"fad8ba55fcd3c0d93374af783bd1241386d70a04fe75e1c88bae5238e12a069a36e12538cdb5993a92fb8431c476725785e582d73a1c985b4efc456daf8eb110";
        v.blobsHash = 0xfdf6e1b427c3ca031c7b0d9ff110f907b30ab1302e250b0e6893dfb30a39067d;
        v.kzgHash = 0x3a218b3a45d2118e18cbca9bfc12fad6d16851799a38097e88aad96108c76b50;
    }
}
