// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {G1Point, G2Point, VerifyingKey} from "../../src/Groth16VerifyingKey.sol";

/// @notice The parameters of one RISC Zero Groth16 verifier release.
/// @param selector The selector its parameters digest gives.
/// @param legacySelector The selector its seals carry when that differs (May 2024), else zero.
struct ParameterSet {
    string label;
    bytes32 controlRoot;
    bytes32 bn254ControlId;
    bytes4 selector;
    bytes4 legacySelector;
}

/// @notice A real Groth16 receipt and the parameters it verifies under.
struct ReceiptVector {
    bytes seal;
    bytes32 imageId;
    bytes32 journalDigest;
    bytes32 claimDigest;
    ParameterSet params;
}

/// @notice A real set-inclusion receipt (single-leaf set) and its root seal.
struct SetInclusionVector {
    bytes seal;
    bytes4 selector;
    bytes32 setBuilderImageId;
    bytes32 imageId;
    bytes32 journalDigest;
    bytes32 claimDigest;
    bytes32 root;
    bytes rootSeal;
}

/// @title Vectors
/// @notice Real RISC Zero receipts and verifier parameters (tests/vectors/risc0-receipts.json and the
///         published ControlID.sol values), for the verifier tests.
library Vectors {
    /// @notice The Groth16 verifying key of every RISC Zero release from 1.0 to 5.0-dev.
    function verifyingKey() internal pure returns (VerifyingKey memory vk) {
        vk.alpha1 = G1Point(
            20491192805390485299153009773594534940189261866228447918068658471970481763042,
            9383485363053290200918347156157836566562967994039712273449902621266178545958
        );
        vk.beta2 = G2Point(
            4252822878758300859123897981450591353533073413197771768651442665752259397132,
            6375614351688725206403948262868962793625744043794305715222011528459656738731,
            21847035105528745403288232691147584728191162732299865338377159692350059136679,
            10505242626370262277552901082094356697409835680220590971873171140371331206856
        );
        vk.gamma2 = G2Point(
            11559732032986387107991004021392285783925812861821192530917403151452391805634,
            10857046999023057135944570762232829481370756359578518086990519993285655852781,
            4082367875863433681332203403145435568316851327593401208105741076214120093531,
            8495653923123431417604973247489272438418190587263600148770280649306958101930
        );
        vk.delta2 = G2Point(
            1668323501672964604911431804142266013250380587483576094566949227275849579036,
            12043754404802191763554326994664886008979042643626290185762540825416902247219,
            7710631539206257456743780535472368339139328733484942210876916214502466455394,
            13740680757317479711909903993315946540841369848973133181051452051592786724563
        );
        vk.ic[0] = G1Point(
            8446592859352799428420270221449902464741693648963397251242447530457567083492,
            1064796367193003797175961162477173481551615790032213185848276823815288302804
        );
        vk.ic[1] = G1Point(
            3179835575189816632597428042194253779818690147323192973511715175294048485951,
            20895841676865356752879376687052266198216014795822152491318012491767775979074
        );
        vk.ic[2] = G1Point(
            5332723250224941161709478398807683311971555792614491788690328996478511465287,
            21199491073419440416471372042641226693637837098357067793586556692319371762571
        );
        vk.ic[3] = G1Point(
            12457994489566736295787256452575216703923664299075106359829199968023158780583,
            19706766271952591897761291684837117091856807401404423804318744964752784280790
        );
        vk.ic[4] = G1Point(
            19617808913178163826953378459323299110911217259216006187355745713323154132237,
            21663537384585072695701846972542344484111393047775983928357046779215877070466
        );
        vk.ic[5] = G1Point(
            6834578911681792552110317589222010969491336870276623105249474534788043166867,
            15060583660288623605191393599883223885678013570733629274538391874953353488393
        );
    }

    /// @notice Parameters of the 1.0 verifier.
    function params1_0() internal pure returns (ParameterSet memory) {
        return ParameterSet({
            label: "1.0",
            controlRoot: 0xa516a057c9fbf5629106300934d48e0e775d4230e41e503347cad96fcbde7e2e,
            bn254ControlId: 0x0eb6febcf06c5df079111be116f79bd8c7e85dc9448776ef9a59aaf2624ab551,
            selector: 0x310fe598,
            legacySelector: bytes4(0)
        });
    }

    /// @notice Parameters of the 1.2 verifier.
    function params1_2() internal pure returns (ParameterSet memory) {
        return ParameterSet({
            label: "1.2",
            controlRoot: 0x8cdad9242664be3112aba377c5425a4df735eb1c6966472b561d2855932c0469,
            bn254ControlId: 0x04446e66d300eb7fb45c9726bb53c793dda407a62e9601618bb43c5c14657ac0,
            selector: 0xc101b42b,
            legacySelector: bytes4(0)
        });
    }

    /// @notice Parameters of the 2.0 verifier.
    function params2_0() internal pure returns (ParameterSet memory) {
        return ParameterSet({
            label: "2.0",
            controlRoot: 0x539032186827b06719244873b17b2d4c122e2d02cfb1994fe958b2523b844576,
            bn254ControlId: 0x04446e66d300eb7fb45c9726bb53c793dda407a62e9601618bb43c5c14657ac0,
            selector: 0x9f39696c,
            legacySelector: bytes4(0)
        });
    }

    /// @notice Parameters of the 3.0 verifier.
    function params3_0() internal pure returns (ParameterSet memory) {
        return ParameterSet({
            label: "3.0",
            controlRoot: 0xa54dc85ac99f851c92d7c96d7318af41dbe7c0194edfcc37eb4d422a998c1f56,
            bn254ControlId: 0x04446e66d300eb7fb45c9726bb53c793dda407a62e9601618bb43c5c14657ac0,
            selector: 0x73c457ba,
            legacySelector: bytes4(0)
        });
    }

    /// @notice Parameters of the 5.0-dev verifier.
    function params5_0Dev() internal pure returns (ParameterSet memory) {
        return ParameterSet({
            label: "5.0-dev",
            controlRoot: 0xb1f64013f70bbb386a8b3a3d63552c5cb5ea4a549ec7fb1ecc2a031dbf488167,
            bn254ControlId: 0x04446e66d300eb7fb45c9726bb53c793dda407a62e9601618bb43c5c14657ac0,
            selector: 0xc27d1bc0,
            legacySelector: bytes4(0)
        });
    }

    /// @notice Parameters of the dev 2024-05-16 verifier.
    function paramsDevMay2024() internal pure returns (ParameterSet memory) {
        return ParameterSet({
            label: "dev 2024-05-16",
            controlRoot: 0xf20ad519aa71da4673c7392b30706a563380b81dabcb753babd679312397ac6e,
            bn254ControlId: 0x10ff834dbef62ccbba201ecd26a772e3036a075aacbaf47200679a11dcdcf10d,
            selector: 0xfcbcd3ce,
            legacySelector: 0x7e664fbd
        });
    }

    /// @notice The 1.0 fixture receipt (groth16-1.0-TestReceipt-8491e24a).
    function receipt1_0() internal pure returns (ReceiptVector memory) {
        return ReceiptVector({
            seal: hex"310fe598039b6a4c59c576a9afc538bef01bd396cdbc979fe912c4d9c8f4f665c39b8a8f103328a969252a25e1aa69352f7d74b0093476c09e1cc47852014592"
            hex"59341fa220774a7b3e64067d37fa72251fd4766292dbebdea69b55e0790df3fedac65a601cca6fa7ec7d89b5711d8cf0533c1e44dc954de20dd1a7449544a11b"
            hex"d3dd6a453003d2b7dcfae42c88d3b38aa8ce84fc4e022ed91fa1f3ee06ae4b1eacf3033b2d4927494fc2a4dc44b18fac3084fd91d7e161e0e526a033e161f8d6"
            hex"9de3babb163578f5916b554bd4a45531913d8c472f03744175bc1000de45110b7cef06d31257b005c5ca02af4704976f6fad82bf6e9e52ea208c7a4c535dc029"
            hex"db456589",
            imageId: 0x0e3b8f40fe72d3e43d0c29df23fd4b02607c9ae59bc166fb306fa2aa2ac7d640,
            journalDigest: 0x3b8839d29d6fc9286b8f95f9c676ff10c1add3c8bfe3b8d6153be90020ed91be,
            claimDigest: 0x74d55726543d9520fad88e80a1572e225646c16b3bb2fd00880aeff9b9916b21,
            params: params1_0()
        });
    }

    /// @notice The 1.2 fixture receipt (groth16-1.2-TestReceipt-c0b17550).
    function receipt1_2() internal pure returns (ReceiptVector memory) {
        return ReceiptVector({
            seal: hex"c101b42b25016dc12080c5100a9841f324669460144c96d23619bb9e828e3a192c80ecfd1140eb491e6ba0b4b81afb4ff447e32cb9be3cecf003dc14959d680a"
            hex"e60dc11e040b0a98edd1abab11587de8a32f0095c37c7e43c03d7e5a709e0807c9c53a39127863b8b8ab606ee7527f4d1ff30a497b9c5c716b27946b68aad440"
            hex"8b6ab4d52bba359168a56baabe40a0da71463ccbeccab13c67e2029feb661b9e582cd1902fed2fbba2aa46f12326baf8e2b3bc85a413b25fed59692c4db8f6c3"
            hex"368bdbba2e0a48d161ea889d685b4ac1bd82c8ae190d35e656fd42d1086b362ad521acd22a62b65806ae08d4ca6ad0d6665bf8f4c9bd84717dc200adcd24e0ca"
            hex"da3a621c",
            imageId: 0x01ebed7f56116d9fdbae4a81c29c07daf43b17a1d5e4dd6eb0e971d689ccf88a,
            journalDigest: 0x3b8839d29d6fc9286b8f95f9c676ff10c1add3c8bfe3b8d6153be90020ed91be,
            claimDigest: 0x5e742132c8030d1d5f7b77530e6a3f1f1afb11162494048064c41ffbd3ca454a,
            params: params1_2()
        });
    }

    /// @notice The 2.0 fixture receipt (groth16-2.0-TestReceipt-7bedfa5a).
    function receipt2_0() internal pure returns (ReceiptVector memory) {
        return ReceiptVector({
            seal: hex"9f39696c2c1cd42efd2ea081de900b08eb97ff95c2df709622928fdc93976baa4730a7502018b1654a232c0614a591ea42d8c210d63aa49c19a2009016b08255"
            hex"175d413712932a948d9569c41e39a7618fe801263768e32aa1780bff62c39432f208d66c272ea7ff083bceb60d70b317bbc6ae9656883ee1f3db197ffa4df9f5"
            hex"81e7b8022acac6495e3dc193edf57762d43b460d767cb2f6bde5fb5f89097a7921622c0117c3c6f84a0d6e5cc251a9025a6812155c50212ed17c2dfab5c0805b"
            hex"5fa522cf08318d8bf05cba911dc6305dcd87ed1e90a0c27c80caaa05c0560871c8b6273c0333dfa7f0ca652760a1da866a2a9e222a87a422d988d5b75917be1a"
            hex"e4fbec67",
            imageId: 0x192f3eb31ce4f578a52abb305490d63e4700f24fd460aa4cd4aa801e9672c869,
            journalDigest: 0x3b8839d29d6fc9286b8f95f9c676ff10c1add3c8bfe3b8d6153be90020ed91be,
            claimDigest: 0xe28cf057eeacea83ff3c18c041f2073fbebbe41a018731f8bd49d320604c97fc,
            params: params2_0()
        });
    }

    /// @notice The 3.0 fixture receipt (groth16-3.0-TestReceiptV3_0-28a3b2ce).
    function receipt3_0() internal pure returns (ReceiptVector memory) {
        return ReceiptVector({
            seal: hex"73c457ba2ccb718fd9092cc11546eeded62a44d3ed274076dd3ec154fae8739f3432050b2005be2c5dbe6c08bfd04b30601a462540962bc26a2f38c5cfc0a4d7"
            hex"6d8f1b8015e690a1b230081234867edeedb2f98bcdf33d0471c2aa5e8db63b72333f871527eb5d1fcf0a7af50fb8f42e8699e2c4eda3cd93f4e2a930096ae78e"
            hex"38bea4020c5c3d963dc453b4b302170e47c0cf53382255143c8fcef474d8b6eaaa8daaaf092c2f650809a3afbd122ef128cb882c2de7a6ccddd2e544b645fa3f"
            hex"edf6bcc92e09be04876a07778231fd5b93305d35fd8af23f040a11682a8c64130370804f28f07a76fa538755276e42c04b5f7eb97b04b68b65fa50e3181a0452"
            hex"069a3667",
            imageId: 0x11d264ed8dfdee222b820f0278e4d7f55d4b69a5472253a471c102265a91ea1a,
            journalDigest: 0x3b8839d29d6fc9286b8f95f9c676ff10c1add3c8bfe3b8d6153be90020ed91be,
            claimDigest: 0x196cb48d86169e90c105e595a02aef4cbc6e2c9e5a9caa1a74c2ebbd29211480,
            params: params3_0()
        });
    }

    /// @notice The 5.0-dev fixture receipt (groth16-5.0-dev-TestReceiptV5_0-9b1c103a).
    function receipt5_0Dev() internal pure returns (ReceiptVector memory) {
        return ReceiptVector({
            seal: hex"c27d1bc00c716176eced28e5ed50a5261ce0ece0fae94044342815d11e18fc839f6300751e1153a9841056ea8a38e47edd8587c2f15c6b78c3e152e8bc22a567"
            hex"0db4f8e1099f6a315197cf0628df1003274212bebf4ed34e441754c16832fa1e5c8815990317e3fce32b253eb3f8ca740a7a02108f8514d6db6beeedbf6fac77"
            hex"ca61c55610636c83396ca983ccb6ddd262cb5ce2946a80c925fa72fc3214fc4eeef2bd44257c5f9f9bf254282c733af28315af5bbd4ad8e47bf0c25cdedd6d35"
            hex"1dce5a1e17783af72dbb8b52005e5d36f58189515813aebc2cf43ba6a882c98a5850b2880302139af44f8712914cc492c9a255f096d5e1775c7d8640dcbd26c6"
            hex"caffac0f",
            imageId: 0x51350de41e575076bf180dbe2efb38edc25b32e47195a92b2c05850457e457a0,
            journalDigest: 0x3b8839d29d6fc9286b8f95f9c676ff10c1add3c8bfe3b8d6153be90020ed91be,
            claimDigest: 0xc0644cc41569dc06b6817aefa71ca19ca367cff83879ed434101bf4821fbbe5b,
            params: params5_0Dev()
        });
    }

    /// @notice The dev 2024-05-16 fixture receipt (groth16-dev-2024-05-16-f20ad519-TestReceipt-34410671).
    function receiptDevMay2024() internal pure returns (ReceiptVector memory) {
        return ReceiptVector({
            seal: hex"7e664fbd1fc23d98684cd4b507800e330f5dd0dfe9fb97e96a4c96fd4dbc2a0aa0ade10c1a1d5bb37cb00524a3cc556b1e690412f1efb3272f24393dd674de15"
            hex"d955f64a187ac00f29052c6d917bdf47b5d83d3429a4f5cf23ffd6e155a6124969d29182091957d1d8fe6cf58b8b82e0064dd6bc682eee3fa92363166e6876fd"
            hex"297caec50582f5172cd2707726d38df2f4a6c6cdfee373e2e01ea9374d7f57bff433458a2d39bcc9c76efd7b458384899deaf34fcaee22a90d4489786c99784b"
            hex"bd9d7fcc2dd596d1d55e04f3020f46a6be45f9780931a0797892a613750be8890a32e4761c2972304a3baa5547f6f1abf3f15a5032437e5fb9b3d1b8686faa79"
            hex"c01f0a3d",
            imageId: 0xf3cb7f763299cc0525cf7ca769bd51118e21e1e178d29f68deb7c450f2d3796d,
            journalDigest: 0x3b8839d29d6fc9286b8f95f9c676ff10c1add3c8bfe3b8d6153be90020ed91be,
            claimDigest: 0x347ed79d05b8d33a70fc5c0647591755f914fbcd00a83160ca6433ff81c48307,
            params: paramsDevMay2024()
        });
    }

    /// @notice The set-inclusion fixture receipt (set verifier 0.7.0); its root seal is a 3.0 seal.
    function setInclusion() internal pure returns (SetInclusionVector memory) {
        return SetInclusionVector({
            seal: hex"0f63ffd5000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000"
            hex"00000040000000000000000000000000000000000000000000000000000000000000006000000000000000000000000000000000000000000000000000000000"
            hex"00000000000000000000000000000000000000000000000000000000000000000000010473c457ba102091c92984d8f6d2eaa6949e023fa075798d962a0d27ea"
            hex"515a021ae3cd62de008873bbeccd3f86b2dce066be541f57262b6d92a5e86c7f4e8bf1c9b4d3bda2284af7793085e0db80e3d1fc1436e72fdc17107c2857e3f1"
            hex"c0bc65c91736c0212fefa3c6b06aff602f117d8a041a6fc0f0617318e77ee7ec6699e0cbdb8465632cd5d1c78bd5c0ad4966d26ad52396da2a874622b88350ce"
            hex"49465200a4a662f61cfd3f798047d955930eb10a9ee261e7efb36e21079e5f1927218a90828d259f15d106b2a71b42ef1a64fed385dde08f14ae2b84f97d9061"
            hex"198f07eb8611214d23e001de10bfac6a5c4933c2d5a6c84ea3f84c6be6910be5021bacebf4ff2756000000000000000000000000000000000000000000000000"
            hex"00000000",
            selector: 0x0f63ffd5,
            setBuilderImageId: 0xa218e889a26852fd3d57a80983c76b53ff6d5fa4b469779511dd4d99329ae7aa,
            imageId: 0x93795eafc980e752ecb2ba6ecb8203b2ff82794c5dc1d419847fea4300d76c8f,
            journalDigest: 0x83d4fb9af306c63e688598566d45dbac083aa780a97274c53b49404f7cc6e479,
            claimDigest: 0x840eadfebeccdffdf684a1c2c96ae507ee75cf346ce52cf6135be616ba7d11a9,
            root: 0xb2e208cf3113008baa314569eb270e526ae5b730ef6613f9121dcbc4b191ed42,
            rootSeal: hex"73c457ba102091c92984d8f6d2eaa6949e023fa075798d962a0d27ea515a021ae3cd62de008873bbeccd3f86b2dce066be541f57262b6d92a5e86c7f4e8bf1c9"
            hex"b4d3bda2284af7793085e0db80e3d1fc1436e72fdc17107c2857e3f1c0bc65c91736c0212fefa3c6b06aff602f117d8a041a6fc0f0617318e77ee7ec6699e0cb"
            hex"db8465632cd5d1c78bd5c0ad4966d26ad52396da2a874622b88350ce49465200a4a662f61cfd3f798047d955930eb10a9ee261e7efb36e21079e5f1927218a90"
            hex"828d259f15d106b2a71b42ef1a64fed385dde08f14ae2b84f97d9061198f07eb8611214d23e001de10bfac6a5c4933c2d5a6c84ea3f84c6be6910be5021baceb"
            hex"f4ff2756"
        });
    }
}
