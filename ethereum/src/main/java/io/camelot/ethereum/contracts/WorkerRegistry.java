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
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
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
import org.web3j.tuples.generated.Tuple3;
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
public class WorkerRegistry extends Contract {
    public static final String BINARY = "6080604052348015600e575f5ffd5b506111dd8061001c5f395ff3fe608060405234801561000f575f5ffd5b50600436106100b1575f3560e01c80636dc536271161006e5780636dc536271461014b5780637f6a1ae31461016d57806383c1773614610180578063a797f1c114610193578063bb3fdd71146101b5578063c4dcd635146101d9575f5ffd5b8063087c06b1146100b5578063128ce7ca146100fd5780632092b3d11461011257806331b28664146101255780633849e2191461013b5780634389cc2214610143575b5f5ffd5b6100e06100c3366004610b22565b5f908152602081905260409020600101546001600160a01b031690565b6040516001600160a01b0390911681526020015b60405180910390f35b61011061010b366004610b39565b6101ec565b005b610110610120366004610b72565b610310565b61012d603281565b6040519081526020016100f4565b61012d600481565b61012d600181565b61015e610159366004610b92565b610412565b6040516100f493929190610bf5565b61011061017b366004610c61565b610431565b61011061018e366004610d1e565b6106fd565b61012d6101a1366004610b22565b5f9081526020819052604090206002015490565b6101c86101c3366004610b22565b6107c3565b6040516100f4959493929190610d66565b61015e6101e7366004610dd9565b6108e1565b5f8281526020819052604090205482906001600160a01b031661022a5760405162461bcd60e51b815260040161022190610e08565b60405180910390fd5b5f818152602081905260409020546001600160a01b0316331461025f5760405162461bcd60e51b815260040161022190610e30565b6001600160a01b0382166102aa5760405162461bcd60e51b81526020600482015260126024820152717463734163636f756e74206973207a65726f60701b6044820152606401610221565b5f838152602081815260409182902060010180546001600160a01b0319166001600160a01b038616908117909155915191825284917f59b2aa4dc6d0794ab22671cc2279a9dcd3b2778cef88776bd8809b9415378cb491015b60405180910390a2505050565b5f8281526020819052604090205482906001600160a01b03166103455760405162461bcd60e51b815260040161022190610e08565b5f818152602081905260409020546001600160a01b0316331461037a5760405162461bcd60e51b815260040161022190610e30565b6001821015801561038c575060048211155b6103ce5760405162461bcd60e51b8152602060048201526013602482015272737461747573206f7574206f662072616e676560681b6044820152606401610221565b5f8381526020818152604091829020600201849055905183815284917f3a9c0bb248136e433dea7fcc607aa2e545384322edeed46b82615c292c61da639101610303565b5f5f60606104228686865f6108e1565b92509250925093509350939050565b866104715760405162461bcd60e51b815260206004820152601060248201526f776f726b65724964206973207a65726f60801b6044820152606401610221565b855f036104b55760405162461bcd60e51b8152602060048201526012602482015271776f726b657254797065206973207a65726f60701b6044820152606401610221565b846104fb5760405162461bcd60e51b81526020600482015260166024820152756f7267616e697a6174696f6e4964206973207a65726f60501b6044820152606401610221565b5f878152602081905260409020546001600160a01b03161561054f5760405162461bcd60e51b815260206004820152600d60248201526c776f726b65722065786973747360981b6044820152606401610221565b6040518060e00160405280336001600160a01b03168152602001336001600160a01b03168152602001600181526020018781526020018681526020018585808060200260200160405190810160405280939291908181526020018383602002808284375f92019190915250505090825250604080516020601f8601819004810282018101909252848152918101919085908590819084018382808284375f9201829052509390945250508981526020818152604091829020845181546001600160a01b03199081166001600160a01b0392831617835592860151600183018054909416911617909155908301516002820155606083015160038201556080830151600482015560a0830151909150600582019061066c9082610e8f565b5060c082015160068201906106819082610fbb565b50506001805480820182555f919091527fb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf601889055506040805133815260208101889052869189917fd3c01cb14edbb7ba5994eb0d166a6d307c20acf77dfeb4b0f4c047c0d067d31c910160405180910390a350505050505050565b5f8381526020819052604090205483906001600160a01b03166107325760405162461bcd60e51b815260040161022190610e08565b5f818152602081905260409020546001600160a01b031633146107675760405162461bcd60e51b815260040161022190610e30565b5f84815260208190526040902060060161078283858361107a565b50837f7286738ba6f32c2e6133b43ff8a712fe132688e007b4c6a1551214a7e19c446984846040516107b5929190611134565b60405180910390a250505050565b5f5f5f6060805f5f5f8881526020019081526020015f20905080600201548160030154826004015483600501846006018180548060200260200160405190810160405280929190818152602001828054801561083c57602002820191905f5260205f20905b815481526020019060010190808311610828575b5050505050915080805461084f90610f30565b80601f016020809104026020016040519081016040528092919081815260200182805461087b90610f30565b80156108c65780601f1061089d576101008083540402835291602001916108c6565b820191905f5260205f20905b8154815290600101906020018083116108a957829003601f168201915b50505050509050955095509550955095505091939590929450565b60408051603280825261066082019092525f91829160609183919060208201610640803683370190505090505f805b6001548110156109c7576109505f5f6001848154811061093257610932611162565b905f5260205f20015481526020019081526020015f208b8b8b610a85565b156109bf578686101580156109655750603282105b156109b1576001818154811061097d5761097d611162565b905f5260205f20015483838061099290611176565b9450815181106109a4576109a4611162565b6020026020010181815250505b856109bb81611176565b9650505b600101610910565b50846109d3828861118e565b106109de575f6109e8565b6109e8818761118e565b93508067ffffffffffffffff811115610a0357610a03610e67565b604051908082528060200260200182016040528015610a2c578160200160208202803683370190505b5092505f5b81811015610a7857828181518110610a4b57610a4b611162565b6020026020010151848281518110610a6557610a65611162565b6020908102919091010152600101610a31565b5050509450945094915050565b5f8315801590610a99575083856003015414155b15610aa557505f610b1a565b8215801590610ab8575082856004015414155b15610ac457505f610b1a565b81610ad157506001610b1a565b5f5b6005860154811015610b155782866005018281548110610af557610af5611162565b905f5260205f20015403610b0d576001915050610b1a565b600101610ad3565b505f90505b949350505050565b5f60208284031215610b32575f5ffd5b5035919050565b5f5f60408385031215610b4a575f5ffd5b8235915060208301356001600160a01b0381168114610b67575f5ffd5b809150509250929050565b5f5f60408385031215610b83575f5ffd5b50508035926020909101359150565b5f5f5f60608486031215610ba4575f5ffd5b505081359360208301359350604090920135919050565b5f8151808452602084019350602083015f5b82811015610beb578151865260209586019590910190600101610bcd565b5093949350505050565b838152826020820152606060408201525f610c136060830184610bbb565b95945050505050565b5f5f83601f840112610c2c575f5ffd5b50813567ffffffffffffffff811115610c43575f5ffd5b602083019150836020828501011115610c5a575f5ffd5b9250929050565b5f5f5f5f5f5f5f60a0888a031215610c77575f5ffd5b873596506020880135955060408801359450606088013567ffffffffffffffff811115610ca2575f5ffd5b8801601f81018a13610cb2575f5ffd5b803567ffffffffffffffff811115610cc8575f5ffd5b8a60208260051b8401011115610cdc575f5ffd5b60209190910194509250608088013567ffffffffffffffff811115610cff575f5ffd5b610d0b8a828b01610c1c565b989b979a50959850939692959293505050565b5f5f5f60408486031215610d30575f5ffd5b83359250602084013567ffffffffffffffff811115610d4d575f5ffd5b610d5986828701610c1c565b9497909650939450505050565b85815284602082015283604082015260a060608201525f610d8a60a0830185610bbb565b828103608084015283518082525f5b81811015610db557602081870181015184830182015201610d99565b505f602082840101526020601f19601f830116830101925050509695505050505050565b5f5f5f5f60808587031215610dec575f5ffd5b5050823594602084013594506040840135936060013592509050565b6020808252600e908201526d3ab735b737bbb7103bb7b935b2b960911b604082015260600190565b6020808252601d908201527f6e6f742074686520776f726b65722773206f7267616e697a6174696f6e000000604082015260600190565b634e487b7160e01b5f52604160045260245ffd5b634e487b7160e01b5f52601160045260245ffd5b815167ffffffffffffffff811115610ea957610ea9610e67565b68010000000000000000811115610ec257610ec2610e67565b815481835580821015610ef657825f528160205f20018282035f5b81811015610ef2575f83820155600101610edd565b5050505b5060208301610f0a835f9081526020902090565b5f5b83811015610f2857825182820155602090920191600101610f0c565b505050505050565b600181811c90821680610f4457607f821691505b602082108103610f6257634e487b7160e01b5f52602260045260245ffd5b50919050565b601f821115610fb65782821115610fb657805f5260205f20601f840160051c6020851015610f9357505f5b90810190601f840160051c035f5b81811015610f28575f83820155600101610fa1565b505050565b815167ffffffffffffffff811115610fd557610fd5610e67565b610fe981610fe38454610f30565b84610f68565b6020601f82116001811461101b575f83156110045750848201515b5f19600385901b1c1916600184901b178455611073565b5f84815260208120601f198516915b8281101561104a578785015182556020948501946001909201910161102a565b508482101561106757868401515f19600387901b60f8161c191681555b505060018360011b0184555b5050505050565b67ffffffffffffffff83111561109257611092610e67565b6110a6836110a08354610f30565b83610f68565b5f601f8411600181146110d7575f85156110c05750838201355b5f19600387901b1c1916600186901b178355611073565b5f83815260208120601f198716915b8281101561110657868501358255602094850194600190920191016110e6565b5086821015611122575f1960f88860031b161c19848701351681555b505060018560011b0183555050505050565b60208152816020820152818360408301375f818301604090810191909152601f909201601f19160101919050565b634e487b7160e01b5f52603260045260245ffd5b5f6001820161118757611187610e7b565b5060010190565b808201808211156111a1576111a1610e7b565b9291505056fea2646970667358221220fe3bb98c1ea23322da39f5f1b605905a0dff357f2f0f2b146881e68f451a2e4264736f6c63430008250033";

    private static String librariesLinkedBinary;

    public static final String FUNC_PAGE_SIZE = "PAGE_SIZE";

    public static final String FUNC_STATUS_ACTIVE = "STATUS_ACTIVE";

    public static final String FUNC_STATUS_COMPROMISED = "STATUS_COMPROMISED";

    public static final String FUNC_WORKERLOOKUP = "workerLookUp";

    public static final String FUNC_WORKERLOOKUPNEXT = "workerLookUpNext";

    public static final String FUNC_WORKERREGISTER = "workerRegister";

    public static final String FUNC_WORKERRETRIEVE = "workerRetrieve";

    public static final String FUNC_WORKERSETSTATUS = "workerSetStatus";

    public static final String FUNC_WORKERSETTCSACCOUNT = "workerSetTcsAccount";

    public static final String FUNC_WORKERSTATUS = "workerStatus";

    public static final String FUNC_WORKERTCSACCOUNT = "workerTcsAccount";

    public static final String FUNC_WORKERUPDATE = "workerUpdate";

    public static final Event WORKERREGISTERED_EVENT = new Event("WorkerRegistered", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>(true) {}, new TypeReference<Bytes32>(true) {}, new TypeReference<Address>() {}, new TypeReference<Uint256>() {}));
    ;

    public static final Event WORKERSTATUSSET_EVENT = new Event("WorkerStatusSet", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>(true) {}, new TypeReference<Uint256>() {}));
    ;

    public static final Event WORKERTCSACCOUNTSET_EVENT = new Event("WorkerTcsAccountSet", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>(true) {}, new TypeReference<Address>() {}));
    ;

    public static final Event WORKERUPDATED_EVENT = new Event("WorkerUpdated", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>(true) {}, new TypeReference<Utf8String>() {}));
    ;

    @Deprecated
    protected WorkerRegistry(String contractAddress, Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit) {
        super(BINARY, contractAddress, web3j, credentials, gasPrice, gasLimit);
    }

    protected WorkerRegistry(String contractAddress, Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider) {
        super(BINARY, contractAddress, web3j, credentials, contractGasProvider);
    }

    @Deprecated
    protected WorkerRegistry(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        super(BINARY, contractAddress, web3j, transactionManager, gasPrice, gasLimit);
    }

    protected WorkerRegistry(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        super(BINARY, contractAddress, web3j, transactionManager, contractGasProvider);
    }

    public static List<WorkerRegisteredEventResponse> getWorkerRegisteredEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(WORKERREGISTERED_EVENT, transactionReceipt);
        ArrayList<WorkerRegisteredEventResponse> responses = new ArrayList<WorkerRegisteredEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            WorkerRegisteredEventResponse typedResponse = new WorkerRegisteredEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.workerId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.organizationId = (byte[]) eventValues.getIndexedValues().get(1).getValue();
            typedResponse.owner = (String) eventValues.getNonIndexedValues().get(0).getValue();
            typedResponse.workerType = (BigInteger) eventValues.getNonIndexedValues().get(1).getValue();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static WorkerRegisteredEventResponse getWorkerRegisteredEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(WORKERREGISTERED_EVENT, log);
        WorkerRegisteredEventResponse typedResponse = new WorkerRegisteredEventResponse();
        typedResponse.log = log;
        typedResponse.workerId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.organizationId = (byte[]) eventValues.getIndexedValues().get(1).getValue();
        typedResponse.owner = (String) eventValues.getNonIndexedValues().get(0).getValue();
        typedResponse.workerType = (BigInteger) eventValues.getNonIndexedValues().get(1).getValue();
        return typedResponse;
    }

    public Flowable<WorkerRegisteredEventResponse> workerRegisteredEventFlowable(EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getWorkerRegisteredEventFromLog(log));
    }

    public Flowable<WorkerRegisteredEventResponse> workerRegisteredEventFlowable(
            DefaultBlockParameter startBlock, DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(WORKERREGISTERED_EVENT));
        return workerRegisteredEventFlowable(filter);
    }

    public static List<WorkerStatusSetEventResponse> getWorkerStatusSetEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(WORKERSTATUSSET_EVENT, transactionReceipt);
        ArrayList<WorkerStatusSetEventResponse> responses = new ArrayList<WorkerStatusSetEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            WorkerStatusSetEventResponse typedResponse = new WorkerStatusSetEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.workerId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.status = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static WorkerStatusSetEventResponse getWorkerStatusSetEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(WORKERSTATUSSET_EVENT, log);
        WorkerStatusSetEventResponse typedResponse = new WorkerStatusSetEventResponse();
        typedResponse.log = log;
        typedResponse.workerId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.status = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
        return typedResponse;
    }

    public Flowable<WorkerStatusSetEventResponse> workerStatusSetEventFlowable(EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getWorkerStatusSetEventFromLog(log));
    }

    public Flowable<WorkerStatusSetEventResponse> workerStatusSetEventFlowable(
            DefaultBlockParameter startBlock, DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(WORKERSTATUSSET_EVENT));
        return workerStatusSetEventFlowable(filter);
    }

    public static List<WorkerTcsAccountSetEventResponse> getWorkerTcsAccountSetEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(WORKERTCSACCOUNTSET_EVENT, transactionReceipt);
        ArrayList<WorkerTcsAccountSetEventResponse> responses = new ArrayList<WorkerTcsAccountSetEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            WorkerTcsAccountSetEventResponse typedResponse = new WorkerTcsAccountSetEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.workerId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.tcsAccount = (String) eventValues.getNonIndexedValues().get(0).getValue();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static WorkerTcsAccountSetEventResponse getWorkerTcsAccountSetEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(WORKERTCSACCOUNTSET_EVENT, log);
        WorkerTcsAccountSetEventResponse typedResponse = new WorkerTcsAccountSetEventResponse();
        typedResponse.log = log;
        typedResponse.workerId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.tcsAccount = (String) eventValues.getNonIndexedValues().get(0).getValue();
        return typedResponse;
    }

    public Flowable<WorkerTcsAccountSetEventResponse> workerTcsAccountSetEventFlowable(
            EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getWorkerTcsAccountSetEventFromLog(log));
    }

    public Flowable<WorkerTcsAccountSetEventResponse> workerTcsAccountSetEventFlowable(
            DefaultBlockParameter startBlock, DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(WORKERTCSACCOUNTSET_EVENT));
        return workerTcsAccountSetEventFlowable(filter);
    }

    public static List<WorkerUpdatedEventResponse> getWorkerUpdatedEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(WORKERUPDATED_EVENT, transactionReceipt);
        ArrayList<WorkerUpdatedEventResponse> responses = new ArrayList<WorkerUpdatedEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            WorkerUpdatedEventResponse typedResponse = new WorkerUpdatedEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.workerId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.details = (String) eventValues.getNonIndexedValues().get(0).getValue();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static WorkerUpdatedEventResponse getWorkerUpdatedEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(WORKERUPDATED_EVENT, log);
        WorkerUpdatedEventResponse typedResponse = new WorkerUpdatedEventResponse();
        typedResponse.log = log;
        typedResponse.workerId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.details = (String) eventValues.getNonIndexedValues().get(0).getValue();
        return typedResponse;
    }

    public Flowable<WorkerUpdatedEventResponse> workerUpdatedEventFlowable(EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getWorkerUpdatedEventFromLog(log));
    }

    public Flowable<WorkerUpdatedEventResponse> workerUpdatedEventFlowable(
            DefaultBlockParameter startBlock, DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(WORKERUPDATED_EVENT));
        return workerUpdatedEventFlowable(filter);
    }

    public RemoteFunctionCall<BigInteger> PAGE_SIZE() {
        final Function function = new Function(FUNC_PAGE_SIZE, 
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

    public RemoteFunctionCall<BigInteger> STATUS_COMPROMISED() {
        final Function function = new Function(FUNC_STATUS_COMPROMISED, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<Tuple3<BigInteger, BigInteger, List<byte[]>>> workerLookUp(
            BigInteger workerType, byte[] organizationId, byte[] appTypeId) {
        final Function function = new Function(FUNC_WORKERLOOKUP, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Uint256(workerType), 
                new org.web3j.abi.datatypes.generated.Bytes32(organizationId), 
                new org.web3j.abi.datatypes.generated.Bytes32(appTypeId)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}, new TypeReference<DynamicArray<Bytes32>>() {}));
        return new RemoteFunctionCall<Tuple3<BigInteger, BigInteger, List<byte[]>>>(function,
                new Callable<Tuple3<BigInteger, BigInteger, List<byte[]>>>() {
                    @Override
                    public Tuple3<BigInteger, BigInteger, List<byte[]>> call() throws Exception {
                        List<Type> results = executeCallMultipleValueReturn(function);
                        return new Tuple3<BigInteger, BigInteger, List<byte[]>>(
                                (BigInteger) results.get(0).getValue(), 
                                (BigInteger) results.get(1).getValue(), 
                                convertToNative((List<Bytes32>) results.get(2).getValue()));
                    }
                });
    }

    public RemoteFunctionCall<Tuple3<BigInteger, BigInteger, List<byte[]>>> workerLookUpNext(
            BigInteger workerType, byte[] organizationId, byte[] appTypeId, BigInteger lookUpTag) {
        final Function function = new Function(FUNC_WORKERLOOKUPNEXT, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Uint256(workerType), 
                new org.web3j.abi.datatypes.generated.Bytes32(organizationId), 
                new org.web3j.abi.datatypes.generated.Bytes32(appTypeId), 
                new org.web3j.abi.datatypes.generated.Uint256(lookUpTag)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}, new TypeReference<DynamicArray<Bytes32>>() {}));
        return new RemoteFunctionCall<Tuple3<BigInteger, BigInteger, List<byte[]>>>(function,
                new Callable<Tuple3<BigInteger, BigInteger, List<byte[]>>>() {
                    @Override
                    public Tuple3<BigInteger, BigInteger, List<byte[]>> call() throws Exception {
                        List<Type> results = executeCallMultipleValueReturn(function);
                        return new Tuple3<BigInteger, BigInteger, List<byte[]>>(
                                (BigInteger) results.get(0).getValue(), 
                                (BigInteger) results.get(1).getValue(), 
                                convertToNative((List<Bytes32>) results.get(2).getValue()));
                    }
                });
    }

    public RemoteFunctionCall<TransactionReceipt> workerRegister(byte[] workerId,
            BigInteger workerType, byte[] organizationId, List<byte[]> appTypeIds, String details) {
        final Function function = new Function(
                FUNC_WORKERREGISTER, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(workerId), 
                new org.web3j.abi.datatypes.generated.Uint256(workerType), 
                new org.web3j.abi.datatypes.generated.Bytes32(organizationId), 
                new org.web3j.abi.datatypes.DynamicArray<org.web3j.abi.datatypes.generated.Bytes32>(
                        org.web3j.abi.datatypes.generated.Bytes32.class,
                        org.web3j.abi.Utils.typeMap(appTypeIds, org.web3j.abi.datatypes.generated.Bytes32.class)), 
                new org.web3j.abi.datatypes.Utf8String(details)), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function);
    }

    public RemoteFunctionCall<Tuple5<BigInteger, BigInteger, byte[], List<byte[]>, String>> workerRetrieve(
            byte[] workerId) {
        final Function function = new Function(FUNC_WORKERRETRIEVE, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(workerId)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}, new TypeReference<Bytes32>() {}, new TypeReference<DynamicArray<Bytes32>>() {}, new TypeReference<Utf8String>() {}));
        return new RemoteFunctionCall<Tuple5<BigInteger, BigInteger, byte[], List<byte[]>, String>>(function,
                new Callable<Tuple5<BigInteger, BigInteger, byte[], List<byte[]>, String>>() {
                    @Override
                    public Tuple5<BigInteger, BigInteger, byte[], List<byte[]>, String> call()
                            throws Exception {
                        List<Type> results = executeCallMultipleValueReturn(function);
                        return new Tuple5<BigInteger, BigInteger, byte[], List<byte[]>, String>(
                                (BigInteger) results.get(0).getValue(), 
                                (BigInteger) results.get(1).getValue(), 
                                (byte[]) results.get(2).getValue(), 
                                convertToNative((List<Bytes32>) results.get(3).getValue()), 
                                (String) results.get(4).getValue());
                    }
                });
    }

    public RemoteFunctionCall<TransactionReceipt> workerSetStatus(byte[] workerId,
            BigInteger status) {
        final Function function = new Function(
                FUNC_WORKERSETSTATUS, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(workerId), 
                new org.web3j.abi.datatypes.generated.Uint256(status)), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function);
    }

    public RemoteFunctionCall<TransactionReceipt> workerSetTcsAccount(byte[] workerId,
            String tcsAccount) {
        final Function function = new Function(
                FUNC_WORKERSETTCSACCOUNT, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(workerId), 
                new org.web3j.abi.datatypes.Address(160, tcsAccount)), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function);
    }

    public RemoteFunctionCall<BigInteger> workerStatus(byte[] workerId) {
        final Function function = new Function(FUNC_WORKERSTATUS, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(workerId)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<String> workerTcsAccount(byte[] workerId) {
        final Function function = new Function(FUNC_WORKERTCSACCOUNT, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(workerId)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Address>() {}));
        return executeRemoteCallSingleValueReturn(function, String.class);
    }

    public RemoteFunctionCall<TransactionReceipt> workerUpdate(byte[] workerId, String details) {
        final Function function = new Function(
                FUNC_WORKERUPDATE, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(workerId), 
                new org.web3j.abi.datatypes.Utf8String(details)), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function);
    }

    @Deprecated
    public static WorkerRegistry load(String contractAddress, Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit) {
        return new WorkerRegistry(contractAddress, web3j, credentials, gasPrice, gasLimit);
    }

    @Deprecated
    public static WorkerRegistry load(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        return new WorkerRegistry(contractAddress, web3j, transactionManager, gasPrice, gasLimit);
    }

    public static WorkerRegistry load(String contractAddress, Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider) {
        return new WorkerRegistry(contractAddress, web3j, credentials, contractGasProvider);
    }

    public static WorkerRegistry load(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        return new WorkerRegistry(contractAddress, web3j, transactionManager, contractGasProvider);
    }

    public static RemoteCall<WorkerRegistry> deploy(Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider) {
        return deployRemoteCall(WorkerRegistry.class, web3j, credentials, contractGasProvider, getDeploymentBinary(), "");
    }

    @Deprecated
    public static RemoteCall<WorkerRegistry> deploy(Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit) {
        return deployRemoteCall(WorkerRegistry.class, web3j, credentials, gasPrice, gasLimit, getDeploymentBinary(), "");
    }

    public static RemoteCall<WorkerRegistry> deploy(Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        return deployRemoteCall(WorkerRegistry.class, web3j, transactionManager, contractGasProvider, getDeploymentBinary(), "");
    }

    @Deprecated
    public static RemoteCall<WorkerRegistry> deploy(Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        return deployRemoteCall(WorkerRegistry.class, web3j, transactionManager, gasPrice, gasLimit, getDeploymentBinary(), "");
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

    public static class WorkerRegisteredEventResponse extends BaseEventResponse {
        public byte[] workerId;

        public byte[] organizationId;

        public String owner;

        public BigInteger workerType;
    }

    public static class WorkerStatusSetEventResponse extends BaseEventResponse {
        public byte[] workerId;

        public BigInteger status;
    }

    public static class WorkerTcsAccountSetEventResponse extends BaseEventResponse {
        public byte[] workerId;

        public String tcsAccount;
    }

    public static class WorkerUpdatedEventResponse extends BaseEventResponse {
        public byte[] workerId;

        public String details;
    }
}
