package io.camelot.ethereum.contracts;

import io.reactivex.Flowable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import javax.annotation.processing.Generated;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.RemoteCall;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.BaseEventResponse;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple4;
import org.web3j.tx.Contract;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * <p>Auto generated code.
 * <p><strong>Do not modify!</strong>
 * <p>Please use the <a href="https://docs.web3j.io/command_line.html">web3j command line tools</a>,
 * or the org.web3j.codegen.SolidityFunctionWrapperGenerator in the 
 * <a href="https://github.com/LFDT-web3j/web3j/tree/main/codegen">codegen module</a> to update.
 *
 * <p>Generated with web3j version 5.0.2.
 */
@SuppressWarnings("rawtypes")
@Generated("org.web3j.codegen.SolidityFunctionWrapperGenerator")
public class OracleResults extends Contract {
    public static final String BINARY = "60a060405234801561000f575f5ffd5b5060405161085138038061085183398101604081905261002e9161003f565b6001600160a01b031660805261006c565b5f6020828403121561004f575f5ffd5b81516001600160a01b0381168114610065575f5ffd5b9392505050565b6080516107b96100985f395f81816089015281816101950152818161022901526102f601526107b95ff3fe608060405234801561000f575f5ffd5b506004361061003f575f3560e01c806320197dc21461004357806335079fa11461006f578063ec446c0714610084575b5f5ffd5b6100566100513660046104a1565b6100c3565b60405161006694939291906104c1565b60405180910390f35b61008261007d366004610521565b610193565b005b6100ab7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b039091168152602001610066565b5f828152602081815260408083208484529091528120805460018201546003830154600284018054869560609587959194909391928290610103906105a8565b80601f016020809104026020016040519081016040528092919081815260200182805461012f906105a8565b801561017a5780601f106101515761010080835404028352916020019161017a565b820191905f5260205f20905b81548152906001019060200180831161015d57829003601f168201915b5050505050915094509450945094505092959194509250565b7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316634389cc226040518163ffffffff1660e01b8152600401602060405180830381865afa1580156101ef573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061021391906105e0565b60405163a797f1c160e01b8152600481018690527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063a797f1c190602401602060405180830381865afa158015610276573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061029a91906105e0565b146102e05760405162461bcd60e51b8152602060048201526011602482015270776f726b6572206e6f742061637469766560781b60448201526064015b60405180910390fd5b60405163087c06b160e01b8152600481018590527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063087c06b190602401602060405180830381865afa158015610343573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061036791906105f7565b6001600160a01b0316336001600160a01b0316146103c75760405162461bcd60e51b815260206004820152601c60248201527f6e6f742074686520776f726b6572277320544353206163636f756e740000000060448201526064016102d7565b604051806080016040528085815260200184815260200183838080601f0160208091040260200160405190810160405280939291908181526020018383808284375f92018290525093855250504260209384015250868152808252604080822089835283529081902083518155918301516001830155820151600282019061044f908261068f565b506060820151816003015590505083857f0250c302170fa00e2bd77582c34ef0b27cbf277aeca2f11d8413c64de5bd58338585856040516104929392919061074e565b60405180910390a35050505050565b5f5f604083850312156104b2575f5ffd5b50508035926020909101359150565b848152836020820152608060408201525f83518060808401525f5b818110156104f957602081870181015160a08684010152016104dc565b505f60a0828501015260a0601f19601f83011684010191505082606083015295945050505050565b5f5f5f5f5f60808688031215610535575f5ffd5b853594506020860135935060408601359250606086013567ffffffffffffffff811115610560575f5ffd5b8601601f81018813610570575f5ffd5b803567ffffffffffffffff811115610586575f5ffd5b886020828401011115610597575f5ffd5b959894975092955050506020019190565b600181811c908216806105bc57607f821691505b6020821081036105da57634e487b7160e01b5f52602260045260245ffd5b50919050565b5f602082840312156105f0575f5ffd5b5051919050565b5f60208284031215610607575f5ffd5b81516001600160a01b038116811461061d575f5ffd5b9392505050565b634e487b7160e01b5f52604160045260245ffd5b601f82111561068a578282111561068a57805f5260205f20601f840160051c602085101561066357505f5b90810190601f840160051c035f5b81811015610686575f83820155600101610671565b5050505b505050565b815167ffffffffffffffff8111156106a9576106a9610624565b6106bd816106b784546105a8565b84610638565b6020601f8211600181146106ef575f83156106d85750848201515b5f19600385901b1c1916600184901b178455610747565b5f84815260208120601f198516915b8281101561071e57878501518255602094850194600190920191016106fe565b508482101561073b57868401515f19600387901b60f8161c191681555b505060018360011b0184555b5050505050565b83815260406020820152816040820152818360608301375f818301606090810191909152601f909201601f191601019291505056fea2646970667358221220d9f33c63f98d840fe2c641512a825d764c9985967ef020b1d2c6ffedbe3d2a1864736f6c63430008250033";

    private static String librariesLinkedBinary;

    public static final String FUNC_LATESTRESULT = "latestResult";

    public static final String FUNC_POST = "post";

    public static final String FUNC_WORKERREGISTRY = "workerRegistry";

    public static final Event ORACLERESULTPOSTED_EVENT = new Event("OracleResultPosted", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>(true) {}, new TypeReference<Bytes32>(true) {}, new TypeReference<Bytes32>() {}, new TypeReference<Utf8String>() {}));
    ;

    @Deprecated
    protected OracleResults(String contractAddress, Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit) {
        super(BINARY, contractAddress, web3j, credentials, gasPrice, gasLimit);
    }

    protected OracleResults(String contractAddress, Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider) {
        super(BINARY, contractAddress, web3j, credentials, contractGasProvider);
    }

    @Deprecated
    protected OracleResults(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        super(BINARY, contractAddress, web3j, transactionManager, gasPrice, gasLimit);
    }

    protected OracleResults(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        super(BINARY, contractAddress, web3j, transactionManager, contractGasProvider);
    }

    public static List<OracleResultPostedEventResponse> getOracleResultPostedEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(ORACLERESULTPOSTED_EVENT, transactionReceipt);
        ArrayList<OracleResultPostedEventResponse> responses = new ArrayList<OracleResultPostedEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            OracleResultPostedEventResponse typedResponse = new OracleResultPostedEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.feedId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.workerId = (byte[]) eventValues.getIndexedValues().get(1).getValue();
            typedResponse.workOrderId = (byte[]) eventValues.getNonIndexedValues().get(0).getValue();
            typedResponse.value = (String) eventValues.getNonIndexedValues().get(1).getValue();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static OracleResultPostedEventResponse getOracleResultPostedEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(ORACLERESULTPOSTED_EVENT, log);
        OracleResultPostedEventResponse typedResponse = new OracleResultPostedEventResponse();
        typedResponse.log = log;
        typedResponse.feedId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.workerId = (byte[]) eventValues.getIndexedValues().get(1).getValue();
        typedResponse.workOrderId = (byte[]) eventValues.getNonIndexedValues().get(0).getValue();
        typedResponse.value = (String) eventValues.getNonIndexedValues().get(1).getValue();
        return typedResponse;
    }

    public Flowable<OracleResultPostedEventResponse> oracleResultPostedEventFlowable(
            EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getOracleResultPostedEventFromLog(log));
    }

    public Flowable<OracleResultPostedEventResponse> oracleResultPostedEventFlowable(
            DefaultBlockParameter startBlock, DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(ORACLERESULTPOSTED_EVENT));
        return oracleResultPostedEventFlowable(filter);
    }

    public RemoteFunctionCall<Tuple4<byte[], byte[], String, BigInteger>> latestResult(
            byte[] worker, byte[] feedId) {
        final Function function = new Function(FUNC_LATESTRESULT, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(worker), 
                new org.web3j.abi.datatypes.generated.Bytes32(feedId)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>() {}, new TypeReference<Bytes32>() {}, new TypeReference<Utf8String>() {}, new TypeReference<Uint256>() {}));
        return new RemoteFunctionCall<Tuple4<byte[], byte[], String, BigInteger>>(function,
                new Callable<Tuple4<byte[], byte[], String, BigInteger>>() {
                    @Override
                    public Tuple4<byte[], byte[], String, BigInteger> call() throws Exception {
                        List<Type> results = executeCallMultipleValueReturn(function);
                        return new Tuple4<byte[], byte[], String, BigInteger>(
                                (byte[]) results.get(0).getValue(), 
                                (byte[]) results.get(1).getValue(), 
                                (String) results.get(2).getValue(), 
                                (BigInteger) results.get(3).getValue());
                    }
                });
    }

    public RemoteFunctionCall<TransactionReceipt> post(byte[] feedId, byte[] workerId,
            byte[] workOrderId, String value) {
        final Function function = new Function(
                FUNC_POST, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(feedId), 
                new org.web3j.abi.datatypes.generated.Bytes32(workerId), 
                new org.web3j.abi.datatypes.generated.Bytes32(workOrderId), 
                new org.web3j.abi.datatypes.Utf8String(value)), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function);
    }

    public RemoteFunctionCall<String> workerRegistry() {
        final Function function = new Function(FUNC_WORKERREGISTRY, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Address>() {}));
        return executeRemoteCallSingleValueReturn(function, String.class);
    }

    @Deprecated
    public static OracleResults load(String contractAddress, Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit) {
        return new OracleResults(contractAddress, web3j, credentials, gasPrice, gasLimit);
    }

    @Deprecated
    public static OracleResults load(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        return new OracleResults(contractAddress, web3j, transactionManager, gasPrice, gasLimit);
    }

    public static OracleResults load(String contractAddress, Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider) {
        return new OracleResults(contractAddress, web3j, credentials, contractGasProvider);
    }

    public static OracleResults load(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        return new OracleResults(contractAddress, web3j, transactionManager, contractGasProvider);
    }

    public static RemoteCall<OracleResults> deploy(Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider, String registry) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, registry)));
        return deployRemoteCall(OracleResults.class, web3j, credentials, contractGasProvider, getDeploymentBinary(), encodedConstructor);
    }

    public static RemoteCall<OracleResults> deploy(Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider,
            String registry) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, registry)));
        return deployRemoteCall(OracleResults.class, web3j, transactionManager, contractGasProvider, getDeploymentBinary(), encodedConstructor);
    }

    @Deprecated
    public static RemoteCall<OracleResults> deploy(Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit, String registry) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, registry)));
        return deployRemoteCall(OracleResults.class, web3j, credentials, gasPrice, gasLimit, getDeploymentBinary(), encodedConstructor);
    }

    @Deprecated
    public static RemoteCall<OracleResults> deploy(Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit,
            String registry) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, registry)));
        return deployRemoteCall(OracleResults.class, web3j, transactionManager, gasPrice, gasLimit, getDeploymentBinary(), encodedConstructor);
    }

    public static void linkLibraries(List<Contract.LinkReference> references) {
        librariesLinkedBinary = linkBinaryWithReferences(BINARY, references);
    }

    private static String getDeploymentBinary() {
        if (librariesLinkedBinary != null) {
            return librariesLinkedBinary;
        } else {
            return BINARY;
        }
    }

    public static class OracleResultPostedEventResponse extends BaseEventResponse {
        public byte[] feedId;

        public byte[] workerId;

        public byte[] workOrderId;

        public String value;
    }
}
