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
import org.web3j.abi.datatypes.generated.Bytes4;
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
import org.web3j.tuples.generated.Tuple5;
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
public class WorkOrderRegistry extends Contract {
    public static final String BINARY = "60a060405234801561000f575f5ffd5b50604051610de0380380610de083398101604081905261002e9161003f565b6001600160a01b031660805261006c565b5f6020828403121561004f575f5ffd5b81516001600160a01b0381168114610065575f5ffd5b9392505050565b608051610d476100995f395f81816101da0152818161042b015281816105e501526106790152610d475ff3fe608060405234801561000f575f5ffd5b50600436106100e5575f3560e01c806364b5e7ce11610088578063df98163d11610063578063df98163d14610192578063e6cb2ba914610177578063ec446c07146101d5578063ffa1ad74146101fc575f5ffd5b806364b5e7ce14610164578063724f27ee14610177578063a5b4b5321461017f575f5ffd5b80634389cc22116100c35780634389cc2214610149578063485c0681146100e95780634d950274146101515780635b451db714610149575f5ffd5b80631d255d33146100e95780632a418e151461010357806336e30f1a14610125575b5f5ffd5b6100f05f81565b6040519081526020015b60405180910390f35b6100f0610111366004610843565b5f9081526020819052604090206002015490565b610138610133366004610843565b610221565b6040516100fa95949392919061089d565b6100f0600181565b6100f061015f3660046108f7565b610374565b6100f0610172366004610966565b6103ba565b6100f0600281565b6100f061018d3660046109ae565b6105b8565b6101bd6101a0366004610843565b5f908152602081905260409020600401546001600160a01b031690565b6040516001600160a01b0390911681526020016100fa565b6101bd7f000000000000000000000000000000000000000000000000000000000000000081565b61020861010160f01b81565b6040516001600160e01b031990911681526020016100fa565b5f5f6060805f5f5f5f8881526020019081526020015f209050805f0154816002015482600501836006015f82805461025890610a0a565b80601f016020809104026020016040519081016040528092919081815260200182805461028490610a0a565b80156102cf5780601f106102a6576101008083540402835291602001916102cf565b820191905f5260205f20905b8154815290600101906020018083116102b257829003601f168201915b505050505092508180546102e290610a0a565b80601f016020809104026020016040519081016040528092919081815260200182805461030e90610a0a565b80156103595780601f1061033057610100808354040283529160200191610359565b820191905f5260205f20905b81548152906001019060200180831161033c57829003601f168201915b50505050509150955095509550955095505091939590929450565b6040516bffffffffffffffffffffffff19606084901b166020820152603481018290525f9060540160405160208183030381529060405280519060200120905092915050565b5f838152602081905260408120805461040f5760405162461bcd60e51b81526020600482015260126024820152713ab735b737bbb7103bb7b9359037b93232b960711b60448201526064015b60405180910390fd5b600281015460405163087c06b160e01b815260048101919091527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063087c06b190602401602060405180830381865afa158015610478573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061049c9190610a42565b6001600160a01b0316336001600160a01b0316146104fc5760405162461bcd60e51b815260206004820152601c60248201527f6e6f742074686520776f726b6572277320544353206163636f756e74000000006044820152606401610406565b805460011461054d5760405162461bcd60e51b815260206004820152601c60248201527f776f726b206f7264657220616c726561647920636f6d706c65746564000000006044820152606401610406565b6002815560068101610560848683610acf565b5060038101546040517ffd283cb447d943762a4a15ed682586124d6a0bef7e602b8e7c4f64598f2b31b4916105a6918890600290899089905f9061010160f01b90610bb2565b60405180910390a1505f949350505050565b5f5f6105c43388610374565b5f81815260208190526040902054909150156105e357600191506107f0565b7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316634389cc226040518163ffffffff1660e01b8152600401602060405180830381865afa15801561063f573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906106639190610bfc565b60405163a797f1c160e01b8152600481018890527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063a797f1c190602401602060405180830381865afa1580156106c6573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906106ea9190610bfc565b146106f857600291506107f0565b6040518060e0016040528060018152602001428152602001878152602001868152602001336001600160a01b0316815260200185858080601f0160208091040260200160405190810160405280939291908181526020018383808284375f920182905250938552505060408051602080820183528482529485015285835282845291829020845181559284015160018401555082015160028201556060820151600382015560808201516004820180546001600160a01b0319166001600160a01b0390921691909117905560a082015160058201906107d79082610c13565b5060c082015160068201906107ec9082610c13565b5050505b8486827fb986afe3939dde13a909eefbaa2238ffd440f0da84285a040be518dc43af87c487878733630101000060e01b604051610831959493929190610cce565b60405180910390a45095945050505050565b5f60208284031215610853575f5ffd5b5035919050565b5f81518084525f5b8181101561087e57602081850181015186830182015201610862565b505f602082860101526020601f19601f83011685010191505092915050565b85815284602082015260a060408201525f6108bb60a083018661085a565b82810360608401526108cd818661085a565b9150508260808301529695505050505050565b6001600160a01b03811681146108f4575f5ffd5b50565b5f5f60408385031215610908575f5ffd5b8235610913816108e0565b946020939093013593505050565b5f5f83601f840112610931575f5ffd5b50813567ffffffffffffffff811115610948575f5ffd5b60208301915083602082850101111561095f575f5ffd5b9250929050565b5f5f5f60408486031215610978575f5ffd5b83359250602084013567ffffffffffffffff811115610995575f5ffd5b6109a186828701610921565b9497909650939450505050565b5f5f5f5f5f608086880312156109c2575f5ffd5b853594506020860135935060408601359250606086013567ffffffffffffffff8111156109ed575f5ffd5b6109f988828901610921565b969995985093965092949392505050565b600181811c90821680610a1e57607f821691505b602082108103610a3c57634e487b7160e01b5f52602260045260245ffd5b50919050565b5f60208284031215610a52575f5ffd5b8151610a5d816108e0565b9392505050565b634e487b7160e01b5f52604160045260245ffd5b601f821115610aca5782821115610aca57805f5260205f20601f840160051c6020851015610aa357505f5b90810190601f840160051c035f5b81811015610ac6575f83820155600101610ab1565b5050505b505050565b67ffffffffffffffff831115610ae757610ae7610a64565b610afb83610af58354610a0a565b83610a78565b5f601f841160018114610b2c575f8515610b155750838201355b5f19600387901b1c1916600186901b178355610b83565b5f83815260208120601f198716915b82811015610b5b5786850135825560209485019460019092019101610b3b565b5086821015610b77575f1960f88860031b161c19848701351681555b505060018560011b0183555b5050505050565b81835281816020850137505f828201602090810191909152601f909101601f19169091010190565b87815286602082015285604082015260c060608201525f610bd760c083018688610b8a565b6080830194909452506001600160e01b03199190911660a09091015295945050505050565b5f60208284031215610c0c575f5ffd5b5051919050565b815167ffffffffffffffff811115610c2d57610c2d610a64565b610c4181610c3b8454610a0a565b84610a78565b6020601f821160018114610c73575f8315610c5c5750848201515b5f19600385901b1c1916600184901b178455610b83565b5f84815260208120601f198516915b82811015610ca25787850151825560209485019460019092019101610c82565b5084821015610cbf57868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b608081525f610ce1608083018789610b8a565b6020830195909552506001600160a01b039290921660408301526001600160e01b0319166060909101529291505056fea264697066735822122047d969898fc7ea752e4eebf3fce4a089bb436df8e633270658292836c5f8734c64736f6c63430008250033";

    private static String librariesLinkedBinary;

    public static final String FUNC_ERROR_DUPLICATE = "ERROR_DUPLICATE";

    public static final String FUNC_ERROR_NONE = "ERROR_NONE";

    public static final String FUNC_ERROR_WORKER_NOT_ACTIVE = "ERROR_WORKER_NOT_ACTIVE";

    public static final String FUNC_STATUS_ACTIVE = "STATUS_ACTIVE";

    public static final String FUNC_STATUS_COMPLETED = "STATUS_COMPLETED";

    public static final String FUNC_STATUS_NULL = "STATUS_NULL";

    public static final String FUNC_VERSION = "VERSION";

    public static final String FUNC_WORKORDERCOMPLETE = "workOrderComplete";

    public static final String FUNC_WORKORDERGET = "workOrderGet";

    public static final String FUNC_WORKORDERKEY = "workOrderKey";

    public static final String FUNC_WORKORDERSUBMIT = "workOrderSubmit";

    public static final String FUNC_WORKORDERSUBMITTER = "workOrderSubmitter";

    public static final String FUNC_WORKORDERWORKER = "workOrderWorker";

    public static final String FUNC_WORKERREGISTRY = "workerRegistry";

    public static final Event WORKORDERCOMPLETED_EVENT = new Event("workOrderCompleted", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>() {}, new TypeReference<Bytes32>() {}, new TypeReference<Uint256>() {}, new TypeReference<Utf8String>() {}, new TypeReference<Uint256>() {}, new TypeReference<Bytes4>() {}));
    ;

    public static final Event WORKORDERSUBMITTED_EVENT = new Event("workOrderSubmitted", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>(true) {}, new TypeReference<Bytes32>(true) {}, new TypeReference<Bytes32>(true) {}, new TypeReference<Utf8String>() {}, new TypeReference<Uint256>() {}, new TypeReference<Address>() {}, new TypeReference<Bytes4>() {}));
    ;

    @Deprecated
    protected WorkOrderRegistry(String contractAddress, Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit) {
        super(BINARY, contractAddress, web3j, credentials, gasPrice, gasLimit);
    }

    protected WorkOrderRegistry(String contractAddress, Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider) {
        super(BINARY, contractAddress, web3j, credentials, contractGasProvider);
    }

    @Deprecated
    protected WorkOrderRegistry(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        super(BINARY, contractAddress, web3j, transactionManager, gasPrice, gasLimit);
    }

    protected WorkOrderRegistry(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        super(BINARY, contractAddress, web3j, transactionManager, contractGasProvider);
    }

    public static List<WorkOrderCompletedEventResponse> getWorkOrderCompletedEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(WORKORDERCOMPLETED_EVENT, transactionReceipt);
        ArrayList<WorkOrderCompletedEventResponse> responses = new ArrayList<WorkOrderCompletedEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            WorkOrderCompletedEventResponse typedResponse = new WorkOrderCompletedEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.requesterId = (byte[]) eventValues.getNonIndexedValues().get(0).getValue();
            typedResponse.workOrderId = (byte[]) eventValues.getNonIndexedValues().get(1).getValue();
            typedResponse.workOrderStatus = (BigInteger) eventValues.getNonIndexedValues().get(2).getValue();
            typedResponse.workOrderResponse = (String) eventValues.getNonIndexedValues().get(3).getValue();
            typedResponse.errorCode = (BigInteger) eventValues.getNonIndexedValues().get(4).getValue();
            typedResponse.version = (byte[]) eventValues.getNonIndexedValues().get(5).getValue();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static WorkOrderCompletedEventResponse getWorkOrderCompletedEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(WORKORDERCOMPLETED_EVENT, log);
        WorkOrderCompletedEventResponse typedResponse = new WorkOrderCompletedEventResponse();
        typedResponse.log = log;
        typedResponse.requesterId = (byte[]) eventValues.getNonIndexedValues().get(0).getValue();
        typedResponse.workOrderId = (byte[]) eventValues.getNonIndexedValues().get(1).getValue();
        typedResponse.workOrderStatus = (BigInteger) eventValues.getNonIndexedValues().get(2).getValue();
        typedResponse.workOrderResponse = (String) eventValues.getNonIndexedValues().get(3).getValue();
        typedResponse.errorCode = (BigInteger) eventValues.getNonIndexedValues().get(4).getValue();
        typedResponse.version = (byte[]) eventValues.getNonIndexedValues().get(5).getValue();
        return typedResponse;
    }

    public Flowable<WorkOrderCompletedEventResponse> workOrderCompletedEventFlowable(
            EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getWorkOrderCompletedEventFromLog(log));
    }

    public Flowable<WorkOrderCompletedEventResponse> workOrderCompletedEventFlowable(
            DefaultBlockParameter startBlock, DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(WORKORDERCOMPLETED_EVENT));
        return workOrderCompletedEventFlowable(filter);
    }

    public static List<WorkOrderSubmittedEventResponse> getWorkOrderSubmittedEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(WORKORDERSUBMITTED_EVENT, transactionReceipt);
        ArrayList<WorkOrderSubmittedEventResponse> responses = new ArrayList<WorkOrderSubmittedEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            WorkOrderSubmittedEventResponse typedResponse = new WorkOrderSubmittedEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.workOrderId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.workerId = (byte[]) eventValues.getIndexedValues().get(1).getValue();
            typedResponse.requesterId = (byte[]) eventValues.getIndexedValues().get(2).getValue();
            typedResponse.workOrderRequest = (String) eventValues.getNonIndexedValues().get(0).getValue();
            typedResponse.errorCode = (BigInteger) eventValues.getNonIndexedValues().get(1).getValue();
            typedResponse.senderAddress = (String) eventValues.getNonIndexedValues().get(2).getValue();
            typedResponse.version = (byte[]) eventValues.getNonIndexedValues().get(3).getValue();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static WorkOrderSubmittedEventResponse getWorkOrderSubmittedEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(WORKORDERSUBMITTED_EVENT, log);
        WorkOrderSubmittedEventResponse typedResponse = new WorkOrderSubmittedEventResponse();
        typedResponse.log = log;
        typedResponse.workOrderId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.workerId = (byte[]) eventValues.getIndexedValues().get(1).getValue();
        typedResponse.requesterId = (byte[]) eventValues.getIndexedValues().get(2).getValue();
        typedResponse.workOrderRequest = (String) eventValues.getNonIndexedValues().get(0).getValue();
        typedResponse.errorCode = (BigInteger) eventValues.getNonIndexedValues().get(1).getValue();
        typedResponse.senderAddress = (String) eventValues.getNonIndexedValues().get(2).getValue();
        typedResponse.version = (byte[]) eventValues.getNonIndexedValues().get(3).getValue();
        return typedResponse;
    }

    public Flowable<WorkOrderSubmittedEventResponse> workOrderSubmittedEventFlowable(
            EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getWorkOrderSubmittedEventFromLog(log));
    }

    public Flowable<WorkOrderSubmittedEventResponse> workOrderSubmittedEventFlowable(
            DefaultBlockParameter startBlock, DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(WORKORDERSUBMITTED_EVENT));
        return workOrderSubmittedEventFlowable(filter);
    }

    public RemoteFunctionCall<BigInteger> ERROR_DUPLICATE() {
        final Function function = new Function(FUNC_ERROR_DUPLICATE, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<BigInteger> ERROR_NONE() {
        final Function function = new Function(FUNC_ERROR_NONE, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<BigInteger> ERROR_WORKER_NOT_ACTIVE() {
        final Function function = new Function(FUNC_ERROR_WORKER_NOT_ACTIVE, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<BigInteger> STATUS_ACTIVE() {
        final Function function = new Function(FUNC_STATUS_ACTIVE, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<BigInteger> STATUS_COMPLETED() {
        final Function function = new Function(FUNC_STATUS_COMPLETED, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<BigInteger> STATUS_NULL() {
        final Function function = new Function(FUNC_STATUS_NULL, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<byte[]> VERSION() {
        final Function function = new Function(FUNC_VERSION, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Bytes4>() {}));
        return executeRemoteCallSingleValueReturn(function, byte[].class);
    }

    public RemoteFunctionCall<TransactionReceipt> workOrderComplete(byte[] workOrderId,
            String workOrderResponse) {
        final Function function = new Function(
                FUNC_WORKORDERCOMPLETE, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(workOrderId), 
                new org.web3j.abi.datatypes.Utf8String(workOrderResponse)), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function);
    }

    public RemoteFunctionCall<Tuple5<BigInteger, byte[], String, String, BigInteger>> workOrderGet(
            byte[] workOrderId) {
        final Function function = new Function(FUNC_WORKORDERGET, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(workOrderId)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}, new TypeReference<Bytes32>() {}, new TypeReference<Utf8String>() {}, new TypeReference<Utf8String>() {}, new TypeReference<Uint256>() {}));
        return new RemoteFunctionCall<Tuple5<BigInteger, byte[], String, String, BigInteger>>(function,
                new Callable<Tuple5<BigInteger, byte[], String, String, BigInteger>>() {
                    @Override
                    public Tuple5<BigInteger, byte[], String, String, BigInteger> call() throws
                            Exception {
                        List<Type> results = executeCallMultipleValueReturn(function);
                        return new Tuple5<BigInteger, byte[], String, String, BigInteger>(
                                (BigInteger) results.get(0).getValue(), 
                                (byte[]) results.get(1).getValue(), 
                                (String) results.get(2).getValue(), 
                                (String) results.get(3).getValue(), 
                                (BigInteger) results.get(4).getValue());
                    }
                });
    }

    public RemoteFunctionCall<byte[]> workOrderKey(String submitter, byte[] workOrderId) {
        final Function function = new Function(FUNC_WORKORDERKEY, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, submitter), 
                new org.web3j.abi.datatypes.generated.Bytes32(workOrderId)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>() {}));
        return executeRemoteCallSingleValueReturn(function, byte[].class);
    }

    public RemoteFunctionCall<TransactionReceipt> workOrderSubmit(byte[] workOrderId,
            byte[] workerId, byte[] requesterId, String workOrderRequest) {
        final Function function = new Function(
                FUNC_WORKORDERSUBMIT, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(workOrderId), 
                new org.web3j.abi.datatypes.generated.Bytes32(workerId), 
                new org.web3j.abi.datatypes.generated.Bytes32(requesterId), 
                new org.web3j.abi.datatypes.Utf8String(workOrderRequest)), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function);
    }

    public RemoteFunctionCall<String> workOrderSubmitter(byte[] workOrderId) {
        final Function function = new Function(FUNC_WORKORDERSUBMITTER, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(workOrderId)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Address>() {}));
        return executeRemoteCallSingleValueReturn(function, String.class);
    }

    public RemoteFunctionCall<byte[]> workOrderWorker(byte[] workOrderId) {
        final Function function = new Function(FUNC_WORKORDERWORKER, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(workOrderId)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>() {}));
        return executeRemoteCallSingleValueReturn(function, byte[].class);
    }

    public RemoteFunctionCall<String> workerRegistry() {
        final Function function = new Function(FUNC_WORKERREGISTRY, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Address>() {}));
        return executeRemoteCallSingleValueReturn(function, String.class);
    }

    @Deprecated
    public static WorkOrderRegistry load(String contractAddress, Web3j web3j,
            Credentials credentials, BigInteger gasPrice, BigInteger gasLimit) {
        return new WorkOrderRegistry(contractAddress, web3j, credentials, gasPrice, gasLimit);
    }

    @Deprecated
    public static WorkOrderRegistry load(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        return new WorkOrderRegistry(contractAddress, web3j, transactionManager, gasPrice, gasLimit);
    }

    public static WorkOrderRegistry load(String contractAddress, Web3j web3j,
            Credentials credentials, ContractGasProvider contractGasProvider) {
        return new WorkOrderRegistry(contractAddress, web3j, credentials, contractGasProvider);
    }

    public static WorkOrderRegistry load(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        return new WorkOrderRegistry(contractAddress, web3j, transactionManager, contractGasProvider);
    }

    public static RemoteCall<WorkOrderRegistry> deploy(Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider, String registry) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, registry)));
        return deployRemoteCall(WorkOrderRegistry.class, web3j, credentials, contractGasProvider, getDeploymentBinary(), encodedConstructor);
    }

    public static RemoteCall<WorkOrderRegistry> deploy(Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider,
            String registry) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, registry)));
        return deployRemoteCall(WorkOrderRegistry.class, web3j, transactionManager, contractGasProvider, getDeploymentBinary(), encodedConstructor);
    }

    @Deprecated
    public static RemoteCall<WorkOrderRegistry> deploy(Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit, String registry) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, registry)));
        return deployRemoteCall(WorkOrderRegistry.class, web3j, credentials, gasPrice, gasLimit, getDeploymentBinary(), encodedConstructor);
    }

    @Deprecated
    public static RemoteCall<WorkOrderRegistry> deploy(Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit,
            String registry) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, registry)));
        return deployRemoteCall(WorkOrderRegistry.class, web3j, transactionManager, gasPrice, gasLimit, getDeploymentBinary(), encodedConstructor);
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

    public static class WorkOrderCompletedEventResponse extends BaseEventResponse {
        public byte[] requesterId;

        public byte[] workOrderId;

        public BigInteger workOrderStatus;

        public String workOrderResponse;

        public BigInteger errorCode;

        public byte[] version;
    }

    public static class WorkOrderSubmittedEventResponse extends BaseEventResponse {
        public byte[] workOrderId;

        public byte[] workerId;

        public byte[] requesterId;

        public String workOrderRequest;

        public BigInteger errorCode;

        public String senderAddress;

        public byte[] version;
    }
}
